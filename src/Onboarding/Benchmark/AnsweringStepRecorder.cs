using Platform.Onboarding.Funnel;

namespace Platform.Onboarding.Benchmark;

/// <summary>
/// Answers a valid step as the first step of a new client would be answered, and records nothing: no database, no outbox,
/// no event. The request was authenticated and validated as always (<see cref="FunnelGrpcService"/>), so what the
/// benchmark measures is the hop chain alone. Only with <see cref="BenchmarkSwitch.AnswerWithoutRecordingKey"/>.
/// </summary>
internal sealed class AnsweringStepRecorder : IStepRecorder
{
    public Task<StepOutcome> RecordAsync(StepCommand command, CancellationToken cancellationToken)
    {
        var report = command.Report;
        var next = FunnelDefinition.Standard.NextAfter(report.Step, report.Channel);
        return Task.FromResult(new StepOutcome(command.ClientId, FunnelStatus.InProgress.ToWireName(), report.Step.ToWireName(),
            next?.ToWireName() ?? string.Empty, Duplicate: false));
    }
}
