using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Platform.Onboarding.Reports;

/// <summary>
/// Keeps the report's aggregates in step with client progress: the caller passes what a client
/// contributed before and after a change, and the difference is added to the aggregate rows in
/// the caller's transaction, with one upsert.
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

    public Task ApplyAsync(ReportContribution? before, ReportContribution after, CancellationToken cancellationToken) =>
        ApplyAsync([new ReportChange(before, after)], cancellationToken);

    /// <summary>Applies several changes at once, e.g. a batch of steps committed together.</summary>
    public async Task ApplyAsync(IEnumerable<ReportChange> changes, CancellationToken cancellationToken)
    {
        var cells = ReportDelta.Of(changes).Cells;
        if (cells.Count == 0)
        {
            return;
        }

        // Outside a transaction the aggregates could count a step whose recording then fails.
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
            ?? throw new InvalidOperationException("The report's aggregates change only inside the transaction that records the progress.");
        var durations = cells.SelectMany((c, row) => c.Value.Durations.Select(d => (Row: row + 1L, Bucket: d.Key, Clients: d.Value))).ToList();
        await using var command = new NpgsqlCommand(Upsert, transaction.Connection, transaction)
        {
            Parameters =
            {
                Array(NpgsqlDbType.Text, cells.Select(c => c.Key.Funnel)),
                Array(NpgsqlDbType.Text, cells.Select(c => c.Key.Dimension)),
                Array(NpgsqlDbType.Date, cells.Select(c => c.Key.CohortDate)),
                Array(NpgsqlDbType.Text, cells.Select(c => c.Key.SliceKey)),
                Array(NpgsqlDbType.Text, cells.Select(c => c.Key.Step)),
                Array(NpgsqlDbType.Bigint, cells.Select(c => c.Value.Entered)),
                Array(NpgsqlDbType.Bigint, cells.Select(c => c.Value.Completed)),
                Array(NpgsqlDbType.Bigint, durations.Select(d => d.Row)),
                Array(NpgsqlDbType.Smallint, durations.Select(d => d.Bucket)),
                Array(NpgsqlDbType.Bigint, durations.Select(d => d.Clients)),
            },
        };
        // Prepared once per physical connection (Npgsql keeps it across pooled uses): saves planning on every step.
        await command.PrepareAsync(cancellationToken);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Array<T>(NpgsqlDbType type, IEnumerable<T> values) =>
        new NpgsqlParameter<T[]> { NpgsqlDbType = NpgsqlDbType.Array | type, TypedValue = values.ToArray() };
}
