namespace Platform.Onboarding.Funnel;

/// <summary>The outcome of one command of a batch: an answer, or the reason the funnel could not take it.</summary>
public sealed record StepResult(StepOutcome? Outcome, FunnelRequestException? Error);
