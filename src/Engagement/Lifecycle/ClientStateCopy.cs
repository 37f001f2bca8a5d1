namespace Platform.Engagement.Lifecycle;

/// <summary>
/// A client state as it was read, to tell whether applying a batch changed it: a field-by-field comparison. It replaced
/// serialising every state to JSON on reading and again on saving to compare the texts, which was the largest part of the
/// lifecycle consumer's own CPU per event. Every column of <see cref="ClientState"/> must be compared here: a field left out
/// would be a change never written (ClientStateCopyTests changes each property in turn and fails on one missed).
/// </summary>
public static class ClientStateCopy
{
    /// <summary>A copy that shares nothing mutable with <paramref name="state"/> (its arrays are copied too).</summary>
    public static ClientState Of(ClientState state) => new()
    {
        ClientId = state.ClientId, RegisteredAt = state.RegisteredAt, ApprovedAt = state.ApprovedAt, FirstDepositAt = state.FirstDepositAt,
        FirstInvestmentAt = state.FirstInvestmentAt, LastInvestmentAt = state.LastInvestmentAt, Investments = state.Investments,
        LastLoginAt = state.LastLoginAt, Tier = state.Tier, TierChangedAt = state.TierChangedAt, AmountToNextTier = state.AmountToNextTier,
        AmountToNextTierAt = state.AmountToNextTierAt, SnapshotDate = state.SnapshotDate, TotalAssets = state.TotalAssets, Cash = state.Cash,
        IdleCashDays = state.IdleCashDays, DailyDates = [.. state.DailyDates], DailyTotals = [.. state.DailyTotals], DailyCash = [.. state.DailyCash],
        DailyTakenAt = [.. state.DailyTakenAt], TransferOutAt = [.. state.TransferOutAt], TransferOutAmounts = [.. state.TransferOutAmounts],
        Stage = state.Stage, StageChangedAt = state.StageChangedAt, NextCheckAt = state.NextCheckAt, Erased = state.Erased,
    };

    /// <summary>Whether the two hold the same row: amounts compare by value (100 and 100.00 are one amount), times as instants.</summary>
    public static bool Same(ClientState a, ClientState b) =>
        a.ClientId == b.ClientId && a.RegisteredAt == b.RegisteredAt && a.ApprovedAt == b.ApprovedAt && a.FirstDepositAt == b.FirstDepositAt
        && a.FirstInvestmentAt == b.FirstInvestmentAt && a.LastInvestmentAt == b.LastInvestmentAt && a.Investments == b.Investments
        && a.LastLoginAt == b.LastLoginAt && a.Tier == b.Tier && a.TierChangedAt == b.TierChangedAt && a.AmountToNextTier == b.AmountToNextTier
        && a.AmountToNextTierAt == b.AmountToNextTierAt && a.SnapshotDate == b.SnapshotDate && a.TotalAssets == b.TotalAssets
        && a.Cash == b.Cash && a.IdleCashDays == b.IdleCashDays && SameDays(a, b) && SameTransfersOut(a, b)
        && a.Stage == b.Stage && a.StageChangedAt == b.StageChangedAt && a.NextCheckAt == b.NextCheckAt && a.Erased == b.Erased;

    /// <summary>Whether the daily snapshots (the four day arrays) are the same: a snapshot changes them, little else does.</summary>
    public static bool SameDays(ClientState a, ClientState b) =>
        a.DailyDates.AsSpan().SequenceEqual(b.DailyDates) && a.DailyTotals.AsSpan().SequenceEqual(b.DailyTotals)
        && a.DailyCash.AsSpan().SequenceEqual(b.DailyCash) && a.DailyTakenAt.AsSpan().SequenceEqual(b.DailyTakenAt);

    /// <summary>Whether the transfers out kept (both arrays) are the same.</summary>
    public static bool SameTransfersOut(ClientState a, ClientState b) =>
        a.TransferOutAt.AsSpan().SequenceEqual(b.TransferOutAt) && a.TransferOutAmounts.AsSpan().SequenceEqual(b.TransferOutAmounts);
}
