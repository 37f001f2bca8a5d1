using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Messaging.Postgres;
using Platform.Onboarding.Backfill;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Processes;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;

namespace Platform.Onboarding.Tests.Migrations;

/// <summary>
/// Rows written before the facts' dates were kept get them (review finding 12), no longer from the start-up
/// migrations (whole-table UPDATEs holding every touched funnel's row lock) but from a backfill in short
/// batches under the client locks, with the values the migrations gave.
/// </summary>
public sealed class FunnelBackfillTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker)
{
    private const string BeforeTheDates = "20261206032049_ClientFunnelVersion";

    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);

    /// <summary>The three migrations' statements as they were, in their order: what the backfill must give.</summary>
    private const string OldMigrationUpdates = """
        UPDATE client_funnels f SET risk_assessed_at = s.occurred_at
        FROM funnel_steps s
        WHERE s.client_id = f.client_id AND s.step = 'RiskAssessed' AND f.risk_level IS NOT NULL;
        UPDATE client_funnels f
        SET last_submitted_at = CASE WHEN f.resubmissions > 0 AND NOT f.in_rework AND f.current_step = 'Submitted'
                                     THEN greatest(f.last_activity_at, s.occurred_at) ELSE s.occurred_at END
        FROM funnel_steps s
        WHERE s.client_id = f.client_id AND s.step = 'Submitted';
        UPDATE client_funnels SET rejected_at = last_activity_at WHERE in_rework AND rejected_at IS NULL;
        """;

    [Fact]
    public async Task UpgradingLeavesTheDatesToABackfillInBatchesThatGivesTheValuesTheMigrationsGaveAndKeepsADateTheStepPathSet()
    {
        var database = await LegacyDatabaseAsync();
        await using var db = Context(database);
        await db.GetService<IMigrator>().MigrateAsync();
        // The start-up migrations wrote no row.
        Assert.All(await DatesAsync(database), d => Assert.Equal((null, null, null), (d.RejectedAt, d.RiskAssessedAt, d.LastSubmittedAt)));
        var expected = await OldMigrationDatesAsync(database);
        // The step path gives 'stepped' its submission before the backfill reaches it: kept, and the row not written again.
        var submitted = T0.AddMinutes(9);
        await ExecuteAsync(database, "UPDATE client_funnels SET last_submitted_at = @at WHERE client_id = 'stepped'", submitted);
        var steppedVersion = await VersionAsync(database, "stepped");

        var result = await new FunnelDatesBackfill(db, Options.Create(new BackfillOptions { BatchSize = 7 }), NullLogger<FunnelDatesBackfill>.Instance)
            .RunAsync(TestContext.Current.CancellationToken);

        var dates = await DatesAsync(database);
        expected["stepped"] = expected["stepped"] with { LastSubmittedAt = submitted };
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Value), dates);
        Assert.Equal(steppedVersion, await VersionAsync(database, "stepped"));
        // The three rows the migrations' own test checked, by hand.
        Assert.Contains(new FunnelDates("once", null, null, T0.AddMinutes(5)), dates);
        Assert.Contains(new FunnelDates("resubmitted", null, null, T0.AddMinutes(20)), dates);
        Assert.Contains(new FunnelDates("rework", T0.AddMinutes(10), T0.AddMinutes(3), T0.AddMinutes(5)), dates);
        var filled = expected.Count(e => e.Key != "stepped" && e.Value != new FunnelDates(e.Key, null, null, null));
        Assert.Equal(filled, result.Filled);
        Assert.Equal((filled + 6) / 7, result.Batches);
        Assert.True(result.Batches >= 3, $"{result.Batches} batch(es)");
        // A second pass (another replica, a restart) reads the completion and nothing else; forced, it would find nothing left.
        Assert.Equal(BackfillResult.Skipped, await Backfill(db).RunAsync(TestContext.Current.CancellationToken));
        await ExecuteAsync(database, "DELETE FROM backfills", T0);
        Assert.Equal(new BackfillResult(0, 0, AlreadyDone: false), await Backfill(db).RunAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TheBackfillLogsCountsAtInformationAndAClientIdOnlyAtDebug()
    {
        var database = await LegacyDatabaseAsync();
        await using var db = Context(database);
        await db.GetService<IMigrator>().MigrateAsync();
        var clientIds = (await DatesAsync(database)).Select(d => d.ClientId).ToList();
        var logger = new CollectingLogger();

        await new FunnelDatesBackfill(db, Options.Create(new BackfillOptions { BatchSize = 7 }), logger).RunAsync(TestContext.Current.CancellationToken);

        var information = logger.Lines.Where(l => l.Level >= LogLevel.Information).Select(l => l.Message).ToList();
        Assert.Contains(information, m => m.StartsWith("Funnel dates backfill: batch 1 filled", StringComparison.Ordinal));
        Assert.DoesNotContain(information, m => clientIds.Any(id => m.Contains(id, StringComparison.Ordinal)));
        Assert.Contains(logger.Lines, l => l.Level == LogLevel.Debug && clientIds.Any(id => l.Message.EndsWith(id, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TheBackfillWaitsForAClientsLockAndKeepsTheDateItsHolderSet()
    {
        var database = await LegacyDatabaseAsync();
        await using var db = Context(database);
        await db.GetService<IMigrator>().MigrateAsync();
        var rejected = T0.AddMinutes(8);
        await using var holder = new NpgsqlConnection(database);
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        // A step batch of 'rework' in its transaction: it holds the client's lock, as the step path does.
        await using (var lockClient = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({AdvisoryLocks.KeyOf(LockFamily.Client, "'rework'")})", holder, transaction))
        {
            await lockClient.ExecuteNonQueryAsync();
        }

        var backfill = Backfill(db).RunAsync(TestContext.Current.CancellationToken);
        await ChildProcess.WaitUntilAsync(() => WaitsForAnAdvisoryLockAsync(database), TimeSpan.FromSeconds(30), "the backfill waiting for the client's lock");
        await using (var step = new NpgsqlCommand("UPDATE client_funnels SET rejected_at = @at WHERE client_id = 'rework'", holder, transaction))
        {
            step.Parameters.AddWithValue("at", rejected);
            await step.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        await backfill;

        // The holder's rejection date is kept; the dates it left NULL are filled.
        Assert.Contains(new FunnelDates("rework", rejected, T0.AddMinutes(3), T0.AddMinutes(5)), await DatesAsync(database));
    }

    [Fact]
    public async Task TheFirstStartAfterTheUpgradeFillsTheDatesAndALaterStartRunsNoPass()
    {
        var database = await LegacyDatabaseAsync();
        await using (var db = Context(database))
        {
            await db.GetService<IMigrator>().MigrateAsync();
        }

        var expected = (await OldMigrationDatesAsync(database)).OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Value);
        var settings = new Dictionary<string, string?> { ["Onboarding:Backfill:BatchSize"] = "10" };

        await using (var first = await OnboardingHost.StartAsync(database, redis.Server.ConnectionString, broker.BootstrapServers, settings: settings))
        {
            await BackfillFinishedAsync(first);
        }

        Assert.Equal(expected, await DatesAsync(database));
        var completedAt = await CompletedAtAsync(database);
        Assert.NotNull(completedAt);
        // A funnel lacking a date again (only a replica of the version before the dates could leave one): a pass would fill it.
        await ExecuteAsync(database, "UPDATE client_funnels SET last_submitted_at = NULL WHERE client_id = 'once'", T0);

        await using (var second = await OnboardingHost.StartAsync(database, redis.Server.ConnectionString, broker.BootstrapServers, settings: settings))
        {
            await BackfillFinishedAsync(second);
        }

        // The second start read the completion and stopped: no pass, so nothing filled and the completion as it was.
        Assert.Contains(new FunnelDates("once", null, null, null), await DatesAsync(database));
        Assert.Equal(completedAt, await CompletedAtAsync(database));
    }

    /// <summary>Until the replica's backfill worker has finished: it runs once after start and then ends.</summary>
    private static async Task BackfillFinishedAsync(ServiceFactory<OnboardingDbContext> service)
    {
        var worker = service.Services.GetServices<IHostedService>().OfType<BackfillWorker>().Single();
        await worker.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
    }

    private static async Task<DateTimeOffset?> CompletedAtAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT completed_at FROM backfills WHERE name = $1", connection)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = FunnelDatesBackfill.Name } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? reader.GetFieldValue<DateTimeOffset>(0) : null;
    }

    private static FunnelDatesBackfill Backfill(OnboardingDbContext db) =>
        new(db, Options.Create(new BackfillOptions()), NullLogger<FunnelDatesBackfill>.Instance);

    /// <summary>
    /// A database as the version before the dates left it: the three rows the migrations' test used, and funnels in
    /// every combination the migrations' statements tell apart, plus 'stepped', which the step path reaches first.
    /// </summary>
    private async Task<string> LegacyDatabaseAsync()
    {
        var database = await postgres.Server.CreateDatabaseAsync("backfill");
        await using (var db = Context(database))
        {
            await db.GetService<IMigrator>().MigrateAsync(BeforeTheDates);
        }

        // In rework (rejected @10, assessed C3 @3); resubmitted after a rejection (latest activity @20); submitted once @5.
        await ExecuteAsync(database, """
            INSERT INTO client_funnels (client_id, funnel, funnel_version, status, current_step, channel, campaign, risk_level,
                registered_at, last_activity_at, resubmissions, in_rework, stall_level)
            VALUES ('rework', 'standard', 1, 'Rejected', 'IdUploaded', 'short_video', '', 'C3', @at, @at + interval '10 min', 1, true, 0),
                   ('resubmitted', 'standard', 1, 'Submitted', 'Submitted', 'short_video', '', NULL, @at, @at + interval '20 min', 1, false, 0),
                   ('once', 'standard', 1, 'Submitted', 'Submitted', 'short_video', '', NULL, @at, @at + interval '6 min', 0, false, 0),
                   ('stepped', 'standard', 1, 'Submitted', 'Submitted', 'short_video', '', NULL, @at, @at + interval '6 min', 0, false, 0);
            INSERT INTO funnel_steps (client_id, step, occurred_at, event_id)
            VALUES ('rework', 'RiskAssessed', @at + interval '3 min', gen_random_uuid()),
                   ('rework', 'Submitted', @at + interval '5 min', gen_random_uuid()),
                   ('resubmitted', 'Submitted', @at + interval '5 min', gen_random_uuid()),
                   ('once', 'Submitted', @at + interval '5 min', gen_random_uuid()),
                   ('stepped', 'Submitted', @at + interval '5 min', gen_random_uuid());
            """, T0);
        // Bits of i: a level, a risk_assessed step, a submitted step, resubmitted, in rework, at submitted, the latest
        // activity before the submission (greatest() takes the submission then).
        await ExecuteAsync(database, """
            INSERT INTO client_funnels (client_id, funnel, funnel_version, status, current_step, channel, campaign, risk_level,
                registered_at, last_activity_at, resubmissions, in_rework, stall_level)
            SELECT 'g-' || lpad(i::text, 3, '0'), 'standard', 1, CASE WHEN i & 16 <> 0 THEN 'Rejected' ELSE 'InProgress' END,
                   CASE WHEN i & 32 <> 0 THEN 'Submitted' ELSE 'IdUploaded' END, 'short_video', '',
                   CASE WHEN i & 1 <> 0 THEN 'C2' END, @at,
                   @at + make_interval(mins => CASE WHEN i & 64 <> 0 THEN 2 ELSE 30 + i END), (i & 8) / 8, i & 16 <> 0, 0
            FROM generate_series(0, 127) AS i;
            INSERT INTO funnel_steps (client_id, step, occurred_at, event_id)
            SELECT 'g-' || lpad(i::text, 3, '0'), 'RiskAssessed', @at + make_interval(mins => 1 + i % 5), gen_random_uuid()
            FROM generate_series(0, 127) AS i WHERE i & 2 <> 0
            UNION ALL
            SELECT 'g-' || lpad(i::text, 3, '0'), 'Submitted', @at + make_interval(mins => 4 + i % 3), gen_random_uuid()
            FROM generate_series(0, 127) AS i WHERE i & 4 <> 0;
            """, T0);
        return database;
    }

    /// <summary>The dates the old migrations' statements give every funnel now, read in a transaction rolled back.</summary>
    private static async Task<Dictionary<string, FunnelDates>> OldMigrationDatesAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var update = new NpgsqlCommand(OldMigrationUpdates, connection, transaction))
        {
            await update.ExecuteNonQueryAsync();
        }

        var dates = await ReadDatesAsync(connection, transaction);
        await transaction.RollbackAsync();
        return dates.ToDictionary(d => d.ClientId, StringComparer.Ordinal);
    }

    private static async Task<List<FunnelDates>> DatesAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        return await ReadDatesAsync(connection, null);
    }

    private static async Task<List<FunnelDates>> ReadDatesAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        await using var command = new NpgsqlCommand(
            "SELECT client_id, rejected_at, risk_assessed_at, last_submitted_at FROM client_funnels ORDER BY client_id COLLATE \"C\"", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync();
        var dates = new List<FunnelDates>();
        while (await reader.ReadAsync())
        {
            dates.Add(new FunnelDates(reader.GetString(0), Nullable(reader, 1), Nullable(reader, 2), Nullable(reader, 3)));
        }

        return dates;
    }

    private static DateTimeOffset? Nullable(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static async Task<long> VersionAsync(string database, string clientId)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version FROM client_funnels WHERE client_id = $1", connection)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = clientId } },
        };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<bool> WaitsForAnAdvisoryLockAsync(string database) => await LockWaits.CountAsync(database, "advisory") > 0;

    private static async Task ExecuteAsync(string database, string sql, DateTimeOffset at)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("at", at);
        await command.ExecuteNonQueryAsync();
    }

    private static OnboardingDbContext Context(string database) =>
        new(new DbContextOptionsBuilder<OnboardingDbContext>().UseNpgsql(database).Options);

    /// <summary>What the backfill logged, formatted, with the level of each line.</summary>
    private sealed class CollectingLogger : ILogger<FunnelDatesBackfill>
    {
        public System.Collections.Concurrent.ConcurrentQueue<(LogLevel Level, string Message)> Lines { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue((logLevel, formatter(state, exception)));
    }

    private sealed record FunnelDates(string ClientId, DateTimeOffset? RejectedAt, DateTimeOffset? RiskAssessedAt, DateTimeOffset? LastSubmittedAt);
}
