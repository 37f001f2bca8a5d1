using System.Globalization;
using Platform.Engagement.Lifecycle;

namespace Platform.Engagement.Tests.Lifecycle;

/// <summary>Every stored field of a client state but its id, written out so that two states compare as text (and a difference reads).</summary>
public static class StateDescription
{
    /// <param name="nextCheck">Whether to include the next check, which may legitimately come earlier than the fold's (LifecycleStages.NextCheckToStore).</param>
    public static string Of(ClientState s, bool nextCheck = true) => string.Join("\n",
        $"registered {T(s.RegisteredAt)} approved {T(s.ApprovedAt)} first deposit {T(s.FirstDepositAt)}",
        $"investments {s.Investments} first {T(s.FirstInvestmentAt)} last {T(s.LastInvestmentAt)} login {T(s.LastLoginAt)}",
        $"tier {s.Tier} since {T(s.TierChangedAt)} to next {D(s.AmountToNextTier)} at {T(s.AmountToNextTierAt)}",
        $"snapshot {s.SnapshotDate} total {D(s.TotalAssets)} cash {D(s.Cash)} idle days {s.IdleCashDays}",
        "daily " + string.Join(" ", AssetHistory.Of(s).Select(d => $"{d.Date}:{D(d.Total)}/{D(d.Cash)}@{T(d.TakenAt)}")),
        "transfers " + string.Join(" ", s.TransferOutAt.Zip(s.TransferOutAmounts, (at, amount) => $"{T(at)}:{D(amount)}")),
        $"stage {s.Stage} since {T(s.StageChangedAt)} {(nextCheck ? $"next check {T(s.NextCheckAt)} " : "")}erased {s.Erased}");

    private static string T(DateTimeOffset? at) => at?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? "-";

    // Trailing zeros are a representation, not a value: 40000 and 40000.000000000 are the same amount.
    private static string D(decimal? value) => value?.ToString("G29", CultureInfo.InvariantCulture) ?? "-";
}
