namespace Platform.Onboarding.Funnel;

/// <summary>
/// PostgreSQL refused a value of this step alone (a value error, after its batch was recorded by
/// halves down to this step): retrying the same step cannot succeed, so it is the caller's 400, not a 503.
/// </summary>
public sealed class StepNotStorableException(Exception inner)
    : Exception("A value of this step cannot be stored; check its text fields.", inner);
