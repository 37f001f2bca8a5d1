using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Messaging.Consuming;

/// <summary>
/// Whether each consumer group's loop is running and can reach its database; feeds readiness so
/// that a crashed consumer, or one waiting out a database outage, is visible.
/// </summary>
internal sealed class ConsumerStatus : IHealthCheck
{
    private readonly ConcurrentDictionary<string, bool> running = new();
    private readonly ConcurrentDictionary<string, bool> waitingForDatabase = new();

    public void Report(string group, bool running) => this.running[group] = running;

    public void ReportDatabase(string group, bool waiting) => waitingForDatabase[group] = waiting;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var down = running.Where(r => !r.Value).Select(r => r.Key).ToArray();
        var waiting = waitingForDatabase.Where(w => w.Value).Select(w => w.Key).ToArray();
        var problems = new[]
        {
            down.Length > 0 ? $"Consumer groups restarting: {string.Join(", ", down)}." : null,
            waiting.Length > 0 ? $"Consumer groups waiting for their database: {string.Join(", ", waiting)}." : null,
        }.OfType<string>().ToArray();
        return Task.FromResult(problems.Length == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy(string.Join(" ", problems)));
    }
}
