using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Benchmark;

/// <summary>Says at start, in the service's own log, that a benchmark-only switch is on and what it does.</summary>
internal sealed partial class BenchmarkSwitchWarning(ILogger<BenchmarkSwitchWarning> logger, string key, string consequence) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        SwitchOn(logger, key, consequence);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Warning, "{Setting} is on: {Consequence} (benchmark only, never in a deployment)")]
    private static partial void SwitchOn(ILogger logger, string setting, string consequence);
}
