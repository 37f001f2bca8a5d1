namespace Platform.Content.Benchmark;

/// <summary>Says at start, in the service's own log, that feeds come from memory: nobody should find out from a client.</summary>
internal sealed partial class BenchmarkSwitchWarning(ILogger<BenchmarkSwitchWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        AnsweringFromMemory(logger, BenchmarkSwitch.AnswerFeedsFromMemoryKey);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Warning, "{Setting} is on: every feed is one feed held in memory, not the client's (benchmark only, never in a deployment)")]
    private static partial void AnsweringFromMemory(ILogger logger, string setting);
}
