namespace Platform.Onboarding.Funnel;

/// <summary>A step reached by a client; unique per (client, step) in the database.</summary>
public sealed record ReachedStep(FunnelStep Step, DateTimeOffset OccurredAt, Guid EventId);
