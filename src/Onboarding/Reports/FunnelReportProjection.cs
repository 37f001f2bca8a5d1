using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Platform.Onboarding.Reports;

/// <summary>
/// Keeps the report's aggregates in step with client progress: the caller passes what a client
/// contributed before and after a change, and the difference is added to the aggregate rows
/// with one upsert, either at once or, on the step path, through a pending increment that
/// <see cref="ReportProjector"/> applies.
/// </summary>
public sealed class FunnelReportProjection(OnboardingDbContext db)
{
    // Rows come as parallel arrays ($1..$7) and their duration increments as (row, bucket, clients)
    // triples ($8..$10). A row's histogram is a sparse pair of arrays sorted by bucket; the merge
    // adds counts per bucket and drops buckets that reach zero.
    private const string Upsert = """
        WITH increments AS (
            SELECT d.n, array_agg(d.bucket ORDER BY d.bucket) AS buckets, array_agg(d.clients ORDER BY d.bucket) AS counts
            FROM unnest($8, $9, $10) AS d(n, bucket, clients)
            GROUP BY d.n)
        INSERT INTO funnel_report_cells AS t
            (funnel, dimension, cohort_date, slice_key, step, entered, completed, duration_buckets, duration_counts)
        SELECT u.funnel, u.dimension, u.cohort_date, u.slice_key, u.step, u.entered, u.completed,
               coalesce(i.buckets, '{}'), coalesce(i.counts, '{}')
        FROM unnest($1, $2, $3, $4, $5, $6, $7) WITH ORDINALITY AS u(funnel, dimension, cohort_date, slice_key, step, entered, completed, n)
        LEFT JOIN increments i ON i.n = u.n
        ORDER BY u.n
        ON CONFLICT (funnel, dimension, cohort_date, slice_key, step) DO UPDATE SET
            entered = t.entered + excluded.entered,
            completed = t.completed + excluded.completed,
            (duration_buckets, duration_counts) = (
                SELECT coalesce(array_agg(m.bucket ORDER BY m.bucket), '{}'), coalesce(array_agg(m.clients ORDER BY m.bucket), '{}')
                FROM (SELECT h.bucket, sum(h.clients)::bigint AS clients
                      FROM (SELECT * FROM unnest(t.duration_buckets, t.duration_counts)
                            UNION ALL
                            SELECT * FROM unnest(excluded.duration_buckets, excluded.duration_counts)) AS h(bucket, clients)
                      GROUP BY h.bucket
                      HAVING sum(h.clients) <> 0) AS m)
        """;

    private const string AppendIncrement = """
        INSERT INTO funnel_report_increments
            (funnels, dimensions, cohort_dates, slice_keys, steps, entered, completed, duration_rows, duration_buckets, duration_clients, recorded_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        """;

    public Task ApplyAsync(ReportContribution? before, ReportContribution after, CancellationToken cancellationToken) =>
        ApplyAsync([new ReportChange(before, after)], cancellationToken);

    /// <summary>Adds several changes to the aggregates at once, in the caller's transaction.</summary>
    public Task ApplyAsync(IEnumerable<ReportChange> changes, CancellationToken cancellationToken) =>
        ApplyAsync(ReportDelta.Of(changes).Cells, cancellationToken);

    /// <summary>Adds summed increments to the aggregates, in the caller's transaction.</summary>
    public async Task ApplyAsync(IReadOnlyList<KeyValuePair<CellKey, CellDelta>> cells, CancellationToken cancellationToken)
    {
        if (cells.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(Upsert, CurrentTransaction.Connection, CurrentTransaction);
        command.Parameters.AddRange(CellColumns.Of(cells).ToParameters().ToArray());
        // Prepared once per physical connection (Npgsql keeps it across pooled uses): saves planning on every call.
        await command.PrepareAsync(cancellationToken);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// What changes add to the aggregates, as one pending increment for the caller's batch (null
    /// when they add nothing); <see cref="ReportProjector"/> applies it within about a second.
    /// This is the step path's way: one appended row instead of locking the busiest aggregate rows.
    /// </summary>
    public static NpgsqlBatchCommand? Defer(IEnumerable<ReportChange> changes, DateTimeOffset now)
    {
        var cells = ReportDelta.Of(changes).Cells;
        if (cells.Count == 0)
        {
            return null;
        }

        var command = Sql.Command(AppendIncrement, [.. CellColumns.Of(cells).ToParameters()]);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        return command;
    }

    // Outside a transaction the aggregates could count a step whose recording then fails.
    private NpgsqlTransaction CurrentTransaction => db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
        ?? throw new InvalidOperationException("The report's aggregates change only inside the transaction that records the progress.");
}
