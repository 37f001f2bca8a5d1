using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Messaging.Consuming;

/// <summary>Whether each consumer group's loop is running; feeds readiness so a crashed consumer is visible.</summary>
internal sealed class ConsumerStatus : IHealthCheck
{
    private readonly ConcurrentDictionary<string, bool> running = new();

    public void Report(string group, bool running) => this.running[group] = running;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var down = running.Where(r => !r.Value).Select(r => r.Key).ToArray();
        return Task.FromResult(down.Length == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"Consumer groups restarting: {string.Join(", ", down)}."));
    }
}
