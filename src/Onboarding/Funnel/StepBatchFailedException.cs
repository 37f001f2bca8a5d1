namespace Platform.Onboarding.Funnel;

/// <summary>
/// A batch of steps did not commit, or its commit's outcome is unknown (the connection broke during
/// it): a retry with the same event id is safe, and answers duplicate:true if the steps did commit.
/// </summary>
public sealed class StepBatchFailedException(Exception inner) : Exception("Recording the batch of steps failed; retry with the same event id.", inner);
