using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Content.Selection;

namespace Platform.Content.Feed;

/// <summary>
/// Readiness is unhealthy while this replica refuses feeds and selections because its catalogue snapshot could not be
/// confirmed current (its refreshes keep failing, or the first load has not run yet): a load balancer then sends the
/// reads to a replica that answers them. Unhealthy, not Degraded: /health answers 200 for Degraded, so a balancer
/// would keep routing here. Liveness is untouched: a restart would not make the database readable.
/// </summary>
internal sealed class CatalogReadinessCheck(CatalogCache catalog, CatalogTelemetry telemetry) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!catalog.IsStale() ? HealthCheckResult.Healthy()
            : telemetry.ConfirmedAt is { } at
                ? HealthCheckResult.Unhealthy($"The content catalogue was last confirmed current at {at:O}: feeds and selections are refused.")
                : HealthCheckResult.Unhealthy("The content catalogue has not been loaded yet."));
}
