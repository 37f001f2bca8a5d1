namespace Platform.Onboarding.Funnel;

/// <summary>
/// Records one step and answers it: the group commit (<see cref="StepBatcher"/>) in every deployment. An interface so that
/// the benchmark's hop-chain phase can put a recorder that answers without recording in its place at start
/// (Benchmark/BenchmarkSwitch.cs), with no check on the step route itself.
/// </summary>
public interface IStepRecorder
{
    /// <summary>Throws <see cref="FunnelRequestException"/> for a step the funnel cannot take.</summary>
    Task<StepOutcome> RecordAsync(StepCommand command, CancellationToken cancellationToken);
}
