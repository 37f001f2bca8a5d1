using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Data;

namespace Platform.Engagement.Advisor;

/// <summary>
/// Counts open and overdue advisor tasks for <see cref="AdvisorTelemetry"/>'s gauges every
/// <see cref="AdvisorOptions.CountInterval"/>: a gauge's callback must not query the database at every scrape.
/// </summary>
internal sealed class OverdueTaskCounter(
    IServiceScopeFactory scopes, AdvisorTelemetry telemetry, IOptions<AdvisorOptions> options, TimeProvider time, IDatabaseReadiness database,
    ILogger<OverdueTaskCounter> logger) : DrainingWorker(database, logger)
{
    protected override TimeSpan Pause => options.Value.CountInterval;

    protected override TimeProvider PauseClock => time;

    protected override string WorkName => "the advisor task count";

    protected override async Task<bool> DrainOnceAsync(int loop, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
        var now = time.GetUtcNow();
        var counts = await db.AdvisorTasks.Where(t => t.CompletedAt == null)
            .GroupBy(_ => 1)
            .Select(g => new { Open = g.LongCount(), Overdue = g.LongCount(t => t.DueAt < now) })
            .SingleOrDefaultAsync(cancellationToken);
        (telemetry.Open, telemetry.Overdue) = (counts?.Open ?? 0, counts?.Overdue ?? 0);
        return false;
    }
}
