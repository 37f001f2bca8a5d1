namespace Platform.Onboarding.Funnel;

/// <summary>One step event as reported by a client app or a core system.</summary>
public sealed record StepReport(
    Guid EventId, FunnelStep Step, DateTimeOffset OccurredAt, string Channel, string Campaign, string Device, int Attempt,
    string? RiskLevel = null, string? Reason = null, FunnelStep? BackToStep = null);
