using Platform.Onboarding.Privacy;

namespace Platform.Onboarding.Funnel;

/// <summary>The outcome of one command of a batch: an answer, the reason the funnel could not take it, or the client's erasure.</summary>
public sealed record StepResult(StepOutcome? Outcome, FunnelRequestException? Error, ClientErasedException? Erased = null)
{
    /// <summary>Why there is no outcome.</summary>
    public Exception Failure => (Exception?)Erased ?? Error!;
}
