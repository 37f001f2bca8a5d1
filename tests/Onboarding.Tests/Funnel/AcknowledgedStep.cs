namespace Platform.Onboarding.Tests.Funnel;

/// <summary>A step the service answered as recorded (<paramref name="Duplicate"/>: by a retry of an attempt that had committed).</summary>
public sealed record AcknowledgedStep(string ClientId, string Step, Guid EventId, bool Duplicate);
