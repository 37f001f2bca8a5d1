namespace Platform.Onboarding.Benchmark;

/// <summary>Says at start, in the service's own log, that steps are answered and not recorded: nobody should find out from a report.</summary>
internal sealed partial class BenchmarkSwitchWarning(ILogger<BenchmarkSwitchWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        AnsweringWithoutRecording(logger, BenchmarkSwitch.AnswerWithoutRecordingKey);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Warning, "{Setting} is on: steps are answered and NOT recorded (benchmark only, never in a deployment)")]
    private static partial void AnsweringWithoutRecording(ILogger logger, string setting);
}
