namespace Platform.Onboarding.Funnel;

/// <summary>A client whose progress a batch changed, the latest version of its funnel (for thresholds), and whether it was approved in the batch.</summary>
public sealed record ChangedFunnel(ClientFunnel Funnel, FunnelDefinition Latest, bool Approved);
