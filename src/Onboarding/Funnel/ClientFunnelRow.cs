namespace Platform.Onboarding.Funnel;

/// <summary>The columns of a client_funnels row (the reached steps live in funnel_steps).</summary>
public sealed record ClientFunnelRow(
    string ClientId, string Funnel, int FunnelVersion, FunnelStatus Status, FunnelStep CurrentStep, string Channel, string Campaign,
    string? RiskLevel, DateTimeOffset? RiskAssessedAt, DateTimeOffset RegisteredAt, DateTimeOffset LastActivityAt, DateTimeOffset? StalledSince, int Resubmissions,
    DateTimeOffset? RejectedAt, DateTimeOffset? LastSubmittedAt, bool InRework, int StallLevel, DateTimeOffset? ApprovedAt, DateTimeOffset? FundedAt, DateTimeOffset? DormantAt,
    long Version);
