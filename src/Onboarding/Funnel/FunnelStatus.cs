namespace Platform.Onboarding.Funnel;

public enum FunnelStatus
{
    InProgress,
    Stalled,
    Submitted,
    Rejected,
    Approved,
    Funded,
}

public static class FunnelStatuses
{
    public static string ToWireName(this FunnelStatus status) => status switch
    {
        FunnelStatus.InProgress => "in_progress",
        FunnelStatus.Stalled => "stalled",
        FunnelStatus.Submitted => "submitted",
        FunnelStatus.Rejected => "rejected",
        FunnelStatus.Approved => "approved",
        FunnelStatus.Funded => "funded",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
