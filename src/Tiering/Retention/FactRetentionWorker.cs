using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Time;
using Platform.Tiering.Tiers;

namespace Platform.Tiering.Retention;

/// <summary>
/// Walks every client with facts older than the retention, a batch per transaction, then waits
/// <see cref="RetentionOptions.Interval"/>. Replicas may walk at the same time: the deletes
/// overlap harmlessly (a row is deleted once).
/// </summary>
public sealed partial class FactRetentionWorker(
    IServiceScopeFactory scopes, IDatabaseReadiness database, IOptions<RetentionOptions> options, TimeProvider time, TieringTelemetry telemetry,
    ILogger<FactRetentionWorker> logger) : DrainingWorker(database, logger)
{
    private string cursor = "";
    private DateOnly cutoff;

    protected override TimeSpan Pause => options.Value.Interval;

    protected override TimeProvider PauseClock => TimeProvider.System;

    protected override string WorkName => "asset fact retention";

    protected override async Task<bool> DrainOnceAsync(int loop, CancellationToken cancellationToken)
    {
        if (cursor.Length == 0)
        {
            cutoff = ShanghaiTime.DateOf(time.GetUtcNow()).AddDays(-options.Value.KeepDays);
        }

        await using var scope = scopes.CreateAsyncScope();
        var retention = scope.ServiceProvider.GetRequiredService<FactRetention>();
        var (last, snapshots, flows) = await retention.PruneBatchAsync(cursor, cutoff, options.Value.BatchSize, cancellationToken);
        telemetry.Pruned(snapshots, flows);
        if (snapshots + flows > 0)
        {
            LogPruned(logger, snapshots, flows, cutoff);
        }

        cursor = last ?? "";
        return last is not null;
    }

    [LoggerMessage(1, LogLevel.Information, "Pruned {Snapshots} snapshots and {Flows} flows no longer needed for days from {Cutoff}")]
    private static partial void LogPruned(ILogger logger, int snapshots, int flows, DateOnly cutoff);
}
