namespace Platform.Gateway.Engagement;

/// <summary>One decided moment instance of the audit (API.md): decision sent|deferred|suppressed|failed, reason null when sent.</summary>
internal sealed record OutreachInstanceResponse(
    string InstanceKey, string Moment, int RuleVersion, DateTimeOffset FiredAt, string Decision, string? Reason, string Channel, string? ItemId,
    DateTimeOffset? DeferredUntil, DateTimeOffset? DecidedAt, DateTimeOffset? DeliveredAt);
