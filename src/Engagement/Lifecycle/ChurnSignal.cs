namespace Platform.Engagement.Lifecycle;

/// <summary>
/// DOMAIN.md's churn signals for an approved client: no login for 30 days (from the last login, or from approval when it
/// never logged in), total assets down by half or more over 30 days, or a transfer out of 30% or more of its assets within
/// the last 30 days. While one stands, the client is S6 rather than S4 or S5.
/// </summary>
public static class ChurnSignal
{
    /// <summary>Percent change of total assets over 30 days at or below which the signal stands.</summary>
    public const decimal AssetsDropPercent = -50m;

    /// <summary>Share of the assets just before a transfer out at or above which the transfer is a signal.</summary>
    public const decimal TransferOutShare = 0.30m;

    public static bool Stands(ClientState state, DateTimeOffset now) =>
        NoLoginSince(state) is { } since && now >= since + LifecycleStages.Window
        || AssetHistory.Change30d(state) <= AssetsDropPercent
        || LargeTransfersOut(state).Any(at => now < at + LifecycleStages.Window);

    /// <summary>What the no-login signal counts from: the last login, or approval for a client that never logged in.</summary>
    public static DateTimeOffset? NoLoginSince(ClientState state) => state.LastLoginAt ?? state.ApprovedAt;

    /// <summary>The times of the kept transfers out that moved at least <see cref="TransferOutShare"/> of the assets before them.</summary>
    public static IEnumerable<DateTimeOffset> LargeTransfersOut(ClientState state) =>
        Enumerable.Range(0, state.TransferOutAt.Length)
            .Where(i => AssetHistory.AssetsBefore(state, TradingDay.Of(state.TransferOutAt[i]), state.TransferOutAmounts[i]) is { } before
                && before > 0 && state.TransferOutAmounts[i] >= before * TransferOutShare)
            .Select(i => state.TransferOutAt[i]);
}
