namespace Platform.Onboarding.Funnel;

/// <summary>
/// A client whose progress a batch changed, the latest version of its funnel (for thresholds), whether it was
/// approved in the batch, and whether it progressed (a silent change or a new level alone is written, but its timers stay).
/// </summary>
public sealed record ChangedFunnel(ClientFunnel Funnel, FunnelDefinition Latest, bool Approved, bool Progressed);
