using Platform.Engagement.Facts;

namespace Platform.Engagement.Lifecycle;

/// <summary>
/// The values of <see cref="ClientFields"/> for one client at a time, as rule conditions read them: decimals for numbers
/// (days included), <see cref="DateTimeOffset"/> for times, strings for words, bool for flags. A field the state does not
/// know (no login yet, no snapshot, no tier) is absent. The stage and the day counts are worked out at <c>now</c>, not
/// read from the stored stage, which the sweeper may bring up to date up to its interval later.
/// </summary>
public static class ClientFacts
{
    /// <returns>The known fields only: an absent field is a missing key, never a null value (typed nullable as conditions read them).</returns>
    public static IReadOnlyDictionary<string, object?> Of(ClientState state, DateTimeOffset now, decimal idleCashThreshold)
    {
        var facts = new Dictionary<string, object?>(StringComparer.Ordinal);
        void Set(string field, object? value)
        {
            if (value is not null)
            {
                facts[field] = value;
            }
        }

        Set(ClientFields.Stage, LifecycleStages.Of(state, now));
        Set(ClientFields.Tier, state.Tier);
        Set(ClientFields.RegisteredAt, state.RegisteredAt);
        Set(ClientFields.ApprovedAt, state.ApprovedAt);
        Set(ClientFields.FirstDepositAt, state.FirstDepositAt);
        Set(ClientFields.FirstInvestmentAt, state.FirstInvestmentAt);
        Set(ClientFields.LastInvestmentAt, state.LastInvestmentAt);
        Set(ClientFields.LastLoginAt, state.LastLoginAt);
        Set(ClientFields.TotalAssets, state.TotalAssets);
        Set(ClientFields.Cash, state.Cash);
        Set(ClientFields.IdleCashDays, state.SnapshotDate is null ? null : (decimal)AssetHistory.IdleCashDays(state, idleCashThreshold));
        Set(ClientFields.IdleCashSince, SignalOnsets.IdleCashSince(state, idleCashThreshold));
        Set(ClientFields.AssetsChange30d, AssetHistory.Change30d(state));
        Set(ClientFields.DaysSinceLogin, ChurnSignal.NoLoginSince(state) is { } since && now >= since ? (decimal)(int)(now - since).TotalDays : null);
        Set(ClientFields.DisengagedAt, SignalOnsets.DisengagedAt(state));
        Set(ClientFields.LastTransferOutPercent, SignalOnsets.LastTransferOutPercent(state));
        Set(ClientFields.AmountToNextTier, state.AmountToNextTier);
        Set(ClientFields.Investments, (decimal)state.Investments);
        Set(ClientFields.Erased, state.Erased);
        return facts;
    }
}
