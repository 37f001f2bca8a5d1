namespace Platform.Engagement.Outreach;

/// <summary>An instance's decision (API.md's audit): pending until the pipeline decides it.</summary>
public static class OutreachDecisions
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Deferred = "deferred";
    public const string Suppressed = "suppressed";
    public const string Failed = "failed";
}
