using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Messaging.Postgres;
using Platform.Messaging.Producing;
using Platform.Messaging.Telemetry;

namespace Platform.Messaging.Outbox;

/// <summary>
/// Publishes the outbox of <typeparamref name="TContext"/>'s database in rounds: claims the oldest
/// rows, produces them (acks=all, idempotent, gapless), waits for all delivery reports, deletes
/// the delivered rows and keeps the others. With Kafka away, rows wait in the database and leave,
/// in order, when it returns. A row that fails while Kafka takes others stops its (topic, key):
/// the stream's later rows wait behind it, it is retried on its own backoff, and after
/// <see cref="OutboxOptions.MaxAttempts"/> (or at once for a permanent error) it is parked.
/// </summary>
/// <remarks>
/// One relay publishes at a time per database (a transaction-scoped advisory lock), so that
/// replicas cannot reorder one client's events; the others stand by.
/// </remarks>
public sealed partial class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    KafkaClientFactory clients,
    OutboxSignal signal,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    private static readonly string OutboxName = typeof(TContext).Name;

    private readonly OutboxPublisher publisher = new(clients, OutboxName);
    private readonly RelayMemory memory = new(options.Value.Outbox, time, KeyPartitioner.Mirrors(options.Value.Kafka), logger);
    private DateTimeOffset lastBacklogCheck = DateTimeOffset.MinValue;
    private readonly VacuumSchedule vacuums = new(options.Value.Outbox.VacuumAfterRows);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Consuming.SchemaGate.WaitForSchemaAsync<TContext>(scopes, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var settings = options.Value.Outbox;
        var backoff = settings.InitialBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var round = await PublishRoundAsync(settings, stoppingToken);
                if (round.Settlement is { IsOutage: true } outage)
                {
                    LogDeliveryFailed(logger, outage.Failures.Count, OutboxName, outage.Failures[0].Error, backoff.TotalMilliseconds);
                    await Task.Delay(backoff, stoppingToken);
                    backoff = Next(backoff, settings.MaxBackoff);
                    continue;
                }

                backoff = settings.InitialBackoff;
                if (round.Claimed < settings.BatchSize)
                {
                    await signal.WaitAsync(memory.IdleWait(settings.PollInterval), stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogRelayError(logger, ex, OutboxName, backoff.TotalMilliseconds);
                await Task.Delay(backoff, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                backoff = Next(backoff, settings.MaxBackoff);
            }
        }
    }

    private async Task<(int Claimed, RoundSettlement? Settlement)> PublishRoundAsync(OutboxOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        if (!await TryLockAsync(connection, transaction, cancellationToken))
        {
            return (0, null);
        }

        await RecordBacklogAsync(connection, transaction, cancellationToken);
        var retryFailing = memory.RetryDue;
        var retriedHead = memory.RetriedHeads(retryFailing);
        var rows = await OutboxStore.ClaimAsync(connection, transaction, settings.BatchSize, retryFailing, memory.Held, cancellationToken);
        if (rows.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            memory.AfterEmptyRound(retryFailing);
            return (0, null);
        }

        // From here the round runs to its end even when the host is stopping: a shutdown between
        // the delivery reports and the DELETE would roll the claim back, and the next relay (another
        // replica, or this one after a restart) would publish every delivered row a second time.
        // The producer's delivery timeout (Messaging:DeliveryTimeout) bounds the wait.
        // A retry round produces every row it claims: it is the probe of the sick partitions and the topics out. It
        // produces the heads it retries (failing rows and held heads) each alone in its partition's batch, so that a
        // verdict of Kafka's is about the row.
        var outcomes = await publisher.PublishAsync(rows, row => retryFailing ? null : memory.Deferral(row), retriedHead);
        var settlement = RoundSettlement.Of(rows, outcomes, settings.MaxAttempts);
        await OutboxStore.SettleAsync(connection, transaction, settlement, time.GetUtcNow());
        await transaction.CommitAsync(CancellationToken.None);

        memory.After(retryFailing, claimCut: rows.Count == settings.BatchSize, settlement, retriedHead, publisher.PartitionCount, Report);
        vacuums.Deleted(settlement.Delivered.Count);
        if (vacuums.Due(Monotonic()))
        {
            await VacuumAsync(connection, cancellationToken);
        }

        return (rows.Count, settlement);
    }

    private void Report(RoundSettlement settlement)
    {
        var outbox = new KeyValuePair<string, object?>("outbox", OutboxName);
        if (settlement.Delivered.Count > 0)
        {
            MessagingTelemetry.Published.Add(settlement.Delivered.Count, outbox);
        }

        foreach (var failure in settlement.Failures.Where(f => f.Produced))
        {
            var row = failure.Row;
            // Tagged with the topic, so that a failing topic (or a test's) can be told from the others.
            MessagingTelemetry.PublishFailed.Add(1, outbox, MessagingTelemetry.Topic(row.Topic));
            if (failure.Park)
            {
                MessagingTelemetry.Parked.Add(1, outbox, MessagingTelemetry.Topic(row.Topic));
                LogParked(logger, row.Id, row.EventId, row.EventType, row.Topic, row.Attempts + 1, failure.Error, OutboxName);
            }
            else if (failure.Counted)
            {
                LogRowFailed(logger, row.Id, row.EventId, row.EventType, row.Topic, row.Attempts + 1, failure.Error, OutboxName);
            }
        }

        foreach (var outage in settlement.TopicOutages)
        {
            MessagingTelemetry.TopicOutage.Add(1, outbox, MessagingTelemetry.Topic(outage.Topic));
            LogTopicOutage(logger, outage.Topic, outage.Rows, outage.Error, OutboxName);
        }

        foreach (var row in settlement.Overtaking)
        {
            LogOvertaken(logger, row.EventId, row.EventType, row.Topic, OutboxName);
        }
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(AdvisoryLocks.TryLockSingle(LockFamily.OutboxRelay), connection, transaction);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task RecordBacklogAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now - lastBacklogCheck < TimeSpan.FromSeconds(2))
        {
            return;
        }

        lastBacklogCheck = now;
        var (backlog, oldest) = await OutboxStore.BacklogAsync(connection, transaction, cancellationToken);
        MessagingTelemetry.RecordOutbox(OutboxName, backlog, Math.Max(0, (now - (oldest ?? now)).TotalSeconds));
    }

    /// <summary>
    /// Removes the delivered rows for good (see <see cref="OutboxOptions.VacuumAfterRows"/>), outside any transaction.
    /// SKIP_LOCKED: when autovacuum is at it already, there is nothing to add. A failure (a database user that does
    /// not own the table gets a warning from PostgreSQL, not an error) costs only the claims' speed. Cut after
    /// <see cref="VacuumSchedule.Timeout"/> or when the host stops (the round is committed: nothing is lost), and paused
    /// after a slow one (<see cref="VacuumSchedule"/>).
    /// </summary>
    private async Task VacuumAsync(NpgsqlConnection connection, CancellationToken stopping)
    {
        var started = Monotonic();
        var completed = false;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(VacuumSchedule.Timeout);
        try
        {
            await using var vacuum = new NpgsqlCommand($"VACUUM (SKIP_LOCKED) {MessagingModelBuilderExtensions.OutboxTable}", connection);
            await vacuum.ExecuteNonQueryAsync(deadline.Token);
            completed = true;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: the round is committed, the vacuum can wait for the next relay.
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or OperationCanceledException)
        {
            LogVacuumFailed(logger, ex, OutboxName);
        }
        finally
        {
            var now = Monotonic();
            vacuums.Done(now, now - started, completed);
        }
    }

    /// <summary>The vacuum's schedule is about the database's work, not the business clock tests may drive.</summary>
    private static TimeSpan Monotonic() => TimeSpan.FromMilliseconds(Environment.TickCount64);

    private static TimeSpan Next(TimeSpan current, TimeSpan max) => TimeSpan.FromTicks(Math.Min(current.Ticks * 2, max.Ticks));

    /// <inheritdoc />
    public override void Dispose()
    {
        publisher.Dispose();
        base.Dispose();
    }

    [LoggerMessage(200, LogLevel.Warning, "{Count} outbox messages of {Outbox} were not delivered ({Error}); retrying in {BackoffMs} ms")]
    private static partial void LogDeliveryFailed(ILogger logger, int count, string outbox, string error, double backoffMs);

    [LoggerMessage(201, LogLevel.Warning, "Outbox relay of {Outbox} failed; retrying in {BackoffMs} ms")]
    private static partial void LogRelayError(ILogger logger, Exception exception, string outbox, double backoffMs);

    [LoggerMessage(202, LogLevel.Warning,
        "Outbox row {RowId} of {Outbox} (event {EventId}, {EventType}, topic {Topic}) failed attempt {Attempts} while others were delivered: {Error}; its client's later events on the topic wait behind it")]
    private static partial void LogRowFailed(ILogger logger, long rowId, Guid eventId, string eventType, string topic, int attempts, string error, string outbox);

    [LoggerMessage(203, LogLevel.Error,
        "Outbox row {RowId} of {Outbox} (event {EventId}, {EventType}, topic {Topic}) is parked after {Attempts} attempt(s): {Error}. Its client's later events on the topic wait until an operator releases or deletes it (see the Messaging README)")]
    private static partial void LogParked(ILogger logger, long rowId, Guid eventId, string eventType, string topic, int attempts, string error, string outbox);

    [LoggerMessage(204, LogLevel.Warning,
        "Outbox event {EventId} ({EventType}, topic {Topic}) of {Outbox} was delivered although an earlier event of its client on the topic failed in the same round")]
    private static partial void LogOvertaken(ILogger logger, Guid eventId, string eventType, string topic, string outbox);

    [LoggerMessage(205, LogLevel.Error,
        "Topic {Topic} refused all {Rows} outbox row(s) of {Outbox} in the round and took none: {Error}. A fault of the topic (its ACLs, policy, or the topic itself), not of the rows: they wait, held and counting no attempt, while other topics flow, and leave in order once the topic takes them")]
    private static partial void LogTopicOutage(ILogger logger, string topic, int rows, string error, string outbox);

    [LoggerMessage(206, LogLevel.Warning, "Vacuuming the outbox table of {Outbox} failed or was cut at its timeout; claims read more pages until autovacuum comes")]
    private static partial void LogVacuumFailed(ILogger logger, Exception exception, string outbox);
}
