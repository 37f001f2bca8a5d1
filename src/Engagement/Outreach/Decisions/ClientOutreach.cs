namespace Platform.Engagement.Outreach.Decisions;

/// <summary>
/// Another instance of the same client, as far as the decision needs it: pending and deferred ones compete with it on
/// priority, sent ones also count towards the caps of their channel (at <paramref name="SentAt"/>, the decision time).
/// </summary>
public sealed record ClientOutreach(
    string InstanceKey, string RuleKey, int Priority, DateTimeOffset FiredAt, string Decision, string Channel, DateTimeOffset? SentAt);
