using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Messaging.Postgres;

namespace Platform.Onboarding.Backfill;

/// <summary>
/// Gives funnels written before their facts' dates were kept (rejected_at, risk_assessed_at,
/// last_submitted_at) those dates, with the values the start-up migrations used to set, in short
/// transactions of at most <see cref="BackfillOptions.BatchSize"/> funnels, each under the clients'
/// locks. It only fills a NULL a funnel still lacks: a date the step path set (before the batch or
/// while it waited for the lock) is kept, and a funnel with nothing to fill is not written, so its
/// version does not move. Each funnel it fills gets a new version from the trigger, as for any
/// update. Idempotent: every replica runs it at start until one pass completes it (<see cref="BackfillCompletion"/>);
/// from then on a start reads that one row.
/// </summary>
public sealed partial class FunnelDatesBackfill(OnboardingDbContext db, IOptions<BackfillOptions> options, ILogger<FunnelDatesBackfill> logger)
{
    // A funnel lacking a date that its data can give:
    // - risk_assessed_at: a level and a kept risk_assessed step (a level without the step stays NULL: the next
    //   assessment with a level applies, as before);
    // - last_submitted_at: a kept submitted step;
    // - rejected_at: in rework.
    private const string Lacking = """
        ((f.risk_assessed_at IS NULL AND f.risk_level IS NOT NULL
          AND EXISTS (SELECT 1 FROM funnel_steps s WHERE s.client_id = f.client_id AND s.step = 'RiskAssessed'))
         OR (f.last_submitted_at IS NULL
          AND EXISTS (SELECT 1 FROM funnel_steps s WHERE s.client_id = f.client_id AND s.step = 'Submitted'))
         OR (f.rejected_at IS NULL AND f.in_rework))
        """;

    private const string SelectNext = $"""
        SELECT f.client_id FROM client_funnels f
        WHERE f.client_id > $1 AND {Lacking}
        ORDER BY f.client_id LIMIT $2
        """;

    // The dates, approximately, as the three migrations set them (funnel_steps keeps one row per client and step,
    // the first to arrive):
    // - risk_assessed_at: the kept risk_assessed step's date, almost always the assessment that set the level or an
    //   older one; from then on an assessment older than it no longer replaces the level.
    // - last_submitted_at: the kept submitted step's date, exact for an application submitted once (and for one in
    //   rework, an earlier date only leaves the rejection rule as it was). An application resubmitted after a
    //   rejection takes its latest activity, almost always the resubmission itself: an upper bound, so a rejection
    //   still in flight dated between the two is ignored.
    // - rejected_at, in rework: the rejection's own date was not kept; the latest activity is an upper bound of it
    //   (a rejection moves the latest activity on): a rejection older than it changes nothing, and a rework step
    //   dated between the true rejection and it, arriving late, is kept as reached without moving the client.
    // Read again under the locks, so that a date the step path set meanwhile is kept and such a funnel not written.
    private const string Fill = $"""
        UPDATE client_funnels f SET
            risk_assessed_at = coalesce(f.risk_assessed_at, CASE WHEN f.risk_level IS NOT NULL THEN
                (SELECT s.occurred_at FROM funnel_steps s WHERE s.client_id = f.client_id AND s.step = 'RiskAssessed') END),
            last_submitted_at = coalesce(f.last_submitted_at,
                (SELECT CASE WHEN f.resubmissions > 0 AND NOT f.in_rework AND f.current_step = 'Submitted'
                             THEN greatest(f.last_activity_at, s.occurred_at) ELSE s.occurred_at END
                 FROM funnel_steps s WHERE s.client_id = f.client_id AND s.step = 'Submitted')),
            rejected_at = coalesce(f.rejected_at, CASE WHEN f.in_rework THEN f.last_activity_at END)
        WHERE f.client_id = ANY($1) AND {Lacking}
        """;

    /// <summary>Its row in <c>backfills</c> once a pass has found nothing left to fill.</summary>
    public const string Name = "funnel_dates";

    /// <summary>
    /// One pass over the funnels, batch by batch in client id order, until none lacks a date it can get; then the
    /// completion is recorded, and every later run (each start of each replica) reads that row and nothing else. Only a
    /// replica of the version before the dates could write a funnel lacking one afterwards, and upgrades do not overlap.
    /// </summary>
    public async Task<BackfillResult> RunAsync(CancellationToken cancellationToken)
    {
        var completions = db.Set<BackfillCompletion>();
        if (await completions.AsNoTracking().Where(c => c.Name == Name).Select(c => (DateTimeOffset?)c.CompletedAt)
                .FirstOrDefaultAsync(cancellationToken) is { } completedAt)
        {
            LogAlreadyDone(logger, completedAt);
            return BackfillResult.Skipped;
        }

        var result = new BackfillResult(0, 0, AlreadyDone: false);
        var after = string.Empty; // client ids are never empty
        while (await NextAsync(after, cancellationToken) is { Length: > 0 } clientIds)
        {
            var filled = await FillAsync(clientIds, cancellationToken);
            result = result with { Batches = result.Batches + 1, Filled = result.Filled + filled };
            LogBatch(logger, result.Batches, clientIds.Length, filled);
            LogBatchEnd(logger, result.Batches, clientIds[^1]);
            after = clientIds[^1];
        }

        // A replica finishing at the same time inserts nothing: the first completion stands.
        await db.Database.ExecuteSqlAsync($"INSERT INTO backfills (name, completed_at) VALUES ({Name}, now()) ON CONFLICT (name) DO NOTHING",
            cancellationToken);
        LogDone(logger, result.Batches, result.Filled);
        return result;
    }

    /// <summary>The next funnels lacking a date, after <paramref name="after"/>: a read alone, taking no lock.</summary>
    private async Task<string[]> NextAsync(string after, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(SelectNext, connection)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = after }, new NpgsqlParameter<int> { TypedValue = options.Value.BatchSize } },
        };
        var clientIds = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            clientIds.Add(reader.GetString(0));
        }

        return [.. clientIds];
    }

    /// <summary>Fills one batch in a transaction of its own, holding the clients' locks as the step path does.</summary>
    private async Task<int> FillAsync(string[] clientIds, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var fill = Sql.Command(Fill, SqlArrays.Text(clientIds));
        await using var batch = new NpgsqlBatch(connection, (NpgsqlTransaction)transaction.GetDbTransaction())
        {
            BatchCommands = { ClientLocks.LockClients(clientIds), fill },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return fill.RecordsAffected;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return (NpgsqlConnection)db.Database.GetDbConnection();
    }

    // Counts only at Information: a client id is personal data, and one per batch would fill the logs of a large upgrade.
    [LoggerMessage(1, LogLevel.Information, "Funnel dates backfill: batch {Batch} filled {Filled} of {Count} funnels")]
    private static partial void LogBatch(ILogger logger, int batch, int count, int filled);

    [LoggerMessage(2, LogLevel.Information, "Funnel dates backfill done: {Filled} funnels filled in {Batches} batches")]
    private static partial void LogDone(ILogger logger, int batches, int filled);

    [LoggerMessage(3, LogLevel.Debug, "Funnel dates backfill: batch {Batch} ended at client {Last}")]
    private static partial void LogBatchEnd(ILogger logger, int batch, string last);

    [LoggerMessage(4, LogLevel.Debug, "Funnel dates backfill completed at {CompletedAt}: skipped")]
    private static partial void LogAlreadyDone(ILogger logger, DateTimeOffset completedAt);
}
