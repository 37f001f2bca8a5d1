namespace Platform.Onboarding.Funnel;

/// <summary>The answer to one step event.</summary>
public sealed record StepOutcome(string ClientId, string Status, string CurrentStep, string NextStep, bool Duplicate);
