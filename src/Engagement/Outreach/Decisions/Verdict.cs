namespace Platform.Engagement.Outreach.Decisions;

/// <summary>A decision with its reason (API.md's audit), the channel it settled on, and for a deferral when to decide again.</summary>
public sealed record Verdict(string Decision, string? Reason, string Channel, DateTimeOffset? DeferredUntil)
{
    public static Verdict Sent(string channel) => new(OutreachDecisions.Sent, null, channel, null);

    public static Verdict Suppressed(string reason, string channel) => new(OutreachDecisions.Suppressed, reason, channel, null);

    public static Verdict Deferred(string channel, DateTimeOffset until) => new(OutreachDecisions.Deferred, OutreachReasons.QuietHours, channel, until);
}
