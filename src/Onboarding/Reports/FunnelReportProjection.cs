using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Platform.Onboarding.Reports;

/// <summary>
/// Keeps the report's aggregates in step with client progress: the caller passes what a client
/// contributed before and after a change, and the difference is added to the aggregate rows in
/// the caller's transaction (one round trip, at most two upserts).
/// </summary>
public sealed class FunnelReportProjection(OnboardingDbContext db)
{
    private const string UpsertCells = """
        INSERT INTO funnel_report_cells AS t (funnel, dimension, cohort_date, slice_key, step, entered, completed)
        SELECT u.funnel, u.dimension, u.cohort_date, u.slice_key, u.step, u.entered, u.completed
        FROM unnest($1, $2, $3, $4, $5, $6, $7) WITH ORDINALITY AS u(funnel, dimension, cohort_date, slice_key, step, entered, completed, n)
        ORDER BY u.n
        ON CONFLICT (funnel, dimension, cohort_date, slice_key, step)
        DO UPDATE SET entered = t.entered + excluded.entered, completed = t.completed + excluded.completed
        """;

    private const string UpsertDurations = """
        INSERT INTO funnel_report_durations AS t (funnel, dimension, cohort_date, slice_key, step, bucket, clients)
        SELECT u.funnel, u.dimension, u.cohort_date, u.slice_key, u.step, u.bucket, u.clients
        FROM unnest($1, $2, $3, $4, $5, $6, $7) WITH ORDINALITY AS u(funnel, dimension, cohort_date, slice_key, step, bucket, clients, n)
        ORDER BY u.n
        ON CONFLICT (funnel, dimension, cohort_date, slice_key, step, bucket)
        DO UPDATE SET clients = t.clients + excluded.clients
        """;

    public Task ApplyAsync(ReportContribution? before, ReportContribution after, CancellationToken cancellationToken) =>
        ApplyAsync([new ReportChange(before, after)], cancellationToken);

    /// <summary>Applies several changes at once, e.g. a batch of steps committed together.</summary>
    public async Task ApplyAsync(IEnumerable<ReportChange> changes, CancellationToken cancellationToken)
    {
        var delta = ReportDelta.Of(changes);
        var cells = delta.Cells;
        var durations = delta.Durations;
        if (cells.Count == 0 && durations.Count == 0)
        {
            return;
        }

        // Outside a transaction the aggregates could count a step whose recording then fails.
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
            ?? throw new InvalidOperationException("The report's aggregates change only inside the transaction that records the progress.");
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        if (cells.Count > 0)
        {
            batch.BatchCommands.Add(Command(UpsertCells, cells.Select(c => c.Key),
                Array(NpgsqlDbType.Bigint, cells.Select(c => c.Value.Entered)),
                Array(NpgsqlDbType.Bigint, cells.Select(c => c.Value.Completed))));
        }

        if (durations.Count > 0)
        {
            batch.BatchCommands.Add(Command(UpsertDurations, durations.Select(d => d.Key.Cell),
                Array(NpgsqlDbType.Smallint, durations.Select(d => d.Key.Bucket)),
                Array(NpgsqlDbType.Bigint, durations.Select(d => d.Value))));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Command(string sql, IEnumerable<CellKey> keys, params NpgsqlParameter[] values)
    {
        var rows = keys.ToArray();
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(Array(NpgsqlDbType.Text, rows.Select(r => r.Funnel)));
        command.Parameters.Add(Array(NpgsqlDbType.Text, rows.Select(r => r.Dimension)));
        command.Parameters.Add(Array(NpgsqlDbType.Date, rows.Select(r => r.CohortDate)));
        command.Parameters.Add(Array(NpgsqlDbType.Text, rows.Select(r => r.SliceKey)));
        command.Parameters.Add(Array(NpgsqlDbType.Text, rows.Select(r => r.Step)));
        command.Parameters.AddRange(values);
        return command;
    }

    private static NpgsqlParameter Array<T>(NpgsqlDbType type, IEnumerable<T> values) =>
        new NpgsqlParameter<T[]> { NpgsqlDbType = NpgsqlDbType.Array | type, TypedValue = values.ToArray() };
}
