using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Messaging.Postgres;
using Platform.ServiceDefaults.Data;

namespace Platform.Onboarding.Reports;

/// <summary>Section <c>Onboarding:Reports</c>.</summary>
public sealed class ReportProjectionOptions
{
    /// <summary>
    /// Pause between two projections when nothing is waiting. The report lags the steps by about
    /// this much; the issue allows 5 s. Longer pauses sum more batches into each aggregate row:
    /// at 250 ms the upsert of the cells cost PostgreSQL a tenth of a core under the benchmark's load
    /// (about 200 cells a round, 30 ms each round), most of it the same busy cells written again.
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Pending increments applied per transaction.</summary>
    public int BatchSize { get; set; } = 2_000;
}

/// <summary>
/// Applies pending report increments to the aggregates: sums whatever step batches committed
/// since the last round, adds the sums with one upsert and deletes the increments, in one
/// transaction, so each increment counts exactly once. One replica projects at a time (a
/// transaction-scoped advisory lock); the order does not matter, sums commute.
/// </summary>
public sealed class ReportProjector(
    IServiceScopeFactory scopes, IDatabaseReadiness database, IOptions<ReportProjectionOptions> options, TimeProvider time,
    ReportsTelemetry telemetry, ILogger<ReportProjector> logger) : DrainingWorker(database, logger)
{
    protected override TimeSpan Pause => options.Value.Interval;

    // The real clock on purpose: this paces database work, it is not business time (tests fake that).
    protected override TimeProvider PauseClock => TimeProvider.System;

    protected override string WorkName => "pending report increments";

    protected override async Task<bool> DrainOnceAsync(int loop, CancellationToken cancellationToken) =>
        await ProjectAsync(cancellationToken) >= options.Value.BatchSize;

    /// <summary>Applies what is pending now (up to the batch size); returns how many increments it applied.</summary>
    public async Task<int> ProjectAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var locking = new NpgsqlCommand(AdvisoryLocks.TryLockSingle(LockFamily.ReportProjector), connection, (NpgsqlTransaction)transaction.GetDbTransaction()))
        {
            if (await locking.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return 0;
            }
        }

        var pending = await db.Set<PendingReportIncrement>().AsNoTracking().OrderBy(i => i.Id).Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return 0;
        }

        var sum = ReportDelta.Sum(pending.SelectMany(i => i.ToColumns().ToCells()));
        await scope.ServiceProvider.GetRequiredService<FunnelReportProjection>().ApplyAsync(sum.Cells, cancellationToken);
        var ids = pending.Select(i => i.Id).ToArray();
        await db.Set<PendingReportIncrement>().Where(i => ids.Contains(i.Id)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        telemetry.Projected(pending.Count, time.GetUtcNow() - pending[0].RecordedAt);
        return pending.Count;
    }
}
