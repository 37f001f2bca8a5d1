using System.Collections;
using System.Diagnostics;
using Platform.Engagement.Facts;

namespace Platform.Engagement.Lifecycle;

/// <summary>
/// The values of <see cref="ClientFields"/> for one client at a time, as rule conditions read them: decimals for numbers
/// (days included), <see cref="DateTimeOffset"/> for times, strings for words, bool for flags. A field the state does not
/// know (no login yet, no snapshot, no tier) is absent. The stage and the day counts are worked out at <c>now</c>, not
/// read from the stored stage, which the sweeper may bring up to date up to its interval later.
/// </summary>
/// <remarks>
/// Each field is worked out when first asked for: the lifecycle consumer takes the facts of every client a batch's events
/// trigger a rule for, and most rules read one or two fields (M16's no-login schedule, triggered by every login, reads none
/// of the idle-cash or asset-history signals, which walk the client's daily arrays); working out all of them for each was
/// about 7 % of Engagement's CPU in the million-event benchmark (perf). The state must not change while the facts are in
/// use, and one thread reads them at a time (a read may fill the cache): both hold for the batch and timer code that
/// takes them.
/// </remarks>
public static class ClientFacts
{
    /// <returns>The known fields only: an absent field is a missing key, never a null value (typed nullable as conditions read them).</returns>
    public static IReadOnlyDictionary<string, object?> Of(ClientState state, DateTimeOffset now, decimal idleCashThreshold) =>
        new OnDemand(state, now, idleCashThreshold);

    private static object? Value(string field, ClientState state, DateTimeOffset now, decimal idleCashThreshold) => field switch
    {
        ClientFields.Stage => LifecycleStages.Of(state, now),
        ClientFields.Tier => state.Tier,
        ClientFields.RegisteredAt => state.RegisteredAt,
        ClientFields.ApprovedAt => state.ApprovedAt,
        ClientFields.FirstDepositAt => state.FirstDepositAt,
        ClientFields.FirstInvestmentAt => state.FirstInvestmentAt,
        ClientFields.LastInvestmentAt => state.LastInvestmentAt,
        ClientFields.LastLoginAt => state.LastLoginAt,
        ClientFields.TotalAssets => state.TotalAssets,
        ClientFields.Cash => state.Cash,
        ClientFields.IdleCashDays => state.SnapshotDate is null ? null : (decimal)AssetHistory.IdleCashDays(state, idleCashThreshold),
        ClientFields.IdleCashSince => SignalOnsets.IdleCashSince(state, idleCashThreshold),
        ClientFields.AssetsChange30d => AssetHistory.Change30d(state),
        ClientFields.DaysSinceLogin => ChurnSignal.NoLoginSince(state) is { } since && now >= since ? (decimal)(int)(now - since).TotalDays : null,
        ClientFields.DisengagedAt => SignalOnsets.DisengagedAt(state),
        ClientFields.LastTransferOutPercent => SignalOnsets.LastTransferOutPercent(state),
        ClientFields.AmountToNextTier => state.AmountToNextTier,
        ClientFields.Investments => (decimal)state.Investments,
        ClientFields.Erased => state.Erased,
        _ when ClientFields.All.ContainsKey(field) => throw new UnreachableException($"{field} is a client field with no value here."),
        _ => null,  // not a client field: absent, as a dictionary answers for a key it does not hold
    };

    /// <summary>The facts of one client, each worked out once, when first read.</summary>
    private sealed class OnDemand(ClientState state, DateTimeOffset now, decimal idleCashThreshold) : IReadOnlyDictionary<string, object?>
    {
        private readonly Dictionary<string, object?> worked = new(StringComparer.Ordinal);

        public bool TryGetValue(string key, out object? value)
        {
            if (!worked.TryGetValue(key, out value))
            {
                value = Value(key, state, now, idleCashThreshold);
                worked[key] = value;
            }

            return value is not null;
        }

        public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The client has no {key}.");

        public bool ContainsKey(string key) => TryGetValue(key, out _);

        public IEnumerable<string> Keys => Known().Select(pair => pair.Key);

        public IEnumerable<object?> Values => Known().Select(pair => pair.Value);

        public int Count => Known().Count();

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => Known().GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private IEnumerable<KeyValuePair<string, object?>> Known()
        {
            foreach (var field in ClientFields.All.Keys)
            {
                if (TryGetValue(field, out var value))
                {
                    yield return new(field, value);
                }
            }
        }
    }
}
