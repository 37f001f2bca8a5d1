using Confluent.Kafka;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Messaging.Envelope;
using Platform.Messaging.Producing;
using Platform.Messaging.Telemetry;

namespace Platform.Messaging.Outbox;

/// <summary>
/// Publishes the outbox of <typeparamref name="TContext"/>'s database: claims the oldest rows,
/// produces them in one batch (acks=all, idempotent producer), waits for all delivery reports,
/// deletes the delivered rows and keeps the others for the next attempt. It never gives up:
/// with Kafka away, rows wait in the database and leave, in order, when it returns.
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
    private static readonly long LockKey = StableHash("outbox-relay:" + MessagingModelBuilderExtensions.OutboxTable);

    private IProducer<string, byte[]>? producer;
    private volatile bool producerFailed;
    private DateTimeOffset lastBacklogCheck = DateTimeOffset.MinValue;

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
                var outcome = await PublishBatchAsync(settings.BatchSize, stoppingToken);
                if (outcome.Failed > 0)
                {
                    LogDeliveryFailed(logger, outcome.Failed, OutboxName, backoff.TotalMilliseconds);
                    await Task.Delay(backoff, stoppingToken);
                    backoff = Next(backoff, settings.MaxBackoff);
                    continue;
                }

                backoff = settings.InitialBackoff;
                if (outcome.Published < settings.BatchSize)
                {
                    await signal.WaitAsync(settings.PollInterval, stoppingToken);
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

    private async Task<(int Published, int Failed)> PublishBatchAsync(int batchSize, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        if (!await TryLockAsync(connection, transaction, cancellationToken))
        {
            return (0, 0);
        }

        await RecordBacklogAsync(connection, transaction, cancellationToken);
        var rows = await ClaimAsync(connection, transaction, batchSize, cancellationToken);
        if (rows.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return (0, 0);
        }

        // From here the batch runs to its end even when the host is stopping: a shutdown between
        // the delivery reports and the DELETE would roll the claim back, and the next relay (another
        // replica, or this one after a restart) would publish every delivered row a second time.
        // The producer's delivery timeout (Messaging:DeliveryTimeout) bounds the wait.
        var results = await ProduceAllAsync(rows);
        var delivered = rows.Where((_, i) => results[i] is null).Select(r => r.Id).ToArray();
        var failed = rows.Where((_, i) => results[i] is not null).Select(r => r.Id).ToArray();

        await ExecuteAsync(connection, transaction, $"DELETE FROM {MessagingModelBuilderExtensions.OutboxTable} WHERE id = ANY(@ids)",
            CancellationToken.None, ("ids", delivered));
        if (failed.Length > 0)
        {
            var error = results.First(r => r is not null)!;
            await ExecuteAsync(connection, transaction,
                $"UPDATE {MessagingModelBuilderExtensions.OutboxTable} SET attempts = attempts + 1, last_error = @error WHERE id = ANY(@ids)",
                CancellationToken.None, ("ids", failed), ("error", error.Length > 2000 ? error[..2000] : error));
        }

        await transaction.CommitAsync(CancellationToken.None);
        if (delivered.Length > 0)
        {
            MessagingTelemetry.Published.Add(delivered.Length, new KeyValuePair<string, object?>("outbox", OutboxName));
        }

        if (failed.Length > 0)
        {
            MessagingTelemetry.PublishFailed.Add(failed.Length, new KeyValuePair<string, object?>("outbox", OutboxName));
        }

        return (delivered.Length, failed.Length);
    }

    /// <summary>Produces every row and waits for all delivery reports; a null entry means delivered, else the error.</summary>
    private async Task<string?[]> ProduceAllAsync(IReadOnlyList<OutboxMessage> rows)
    {
        if (producerFailed)
        {
            producer?.Dispose();
            producer = null;
            producerFailed = false;
        }

        producer ??= clients.CreateProducer($"outbox-{OutboxName}");
        var deliveries = new Task<string?>[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            deliveries[i] = ProduceAsync(producer, rows[i]);
        }

        return await Task.WhenAll(deliveries);
    }

    private async Task<string?> ProduceAsync(IProducer<string, byte[]> kafka, OutboxMessage row)
    {
        var envelope = new EventEnvelope(row.EventId, row.EventType, row.SchemaVersion, row.OccurredAt, row.MessageKey, row.Payload);
        using var activity = MessagingTelemetry.StartPublish(row.Topic, row.TraceParent, row.TraceState, row.EventId, row.EventType);
        try
        {
            var message = envelope.ToKafkaMessage(activity?.Id ?? row.TraceParent, activity?.TraceStateString ?? row.TraceState);
            await kafka.ProduceAsync(row.Topic, message);
            return null;
        }
        catch (ProduceException<string, byte[]> ex)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.Error.Code.ToString());
            // A fatal idempotent-producer error poisons this instance; the next batch gets a fresh one.
            producerFailed |= ex.Error.IsFatal;

            return $"{ex.Error.Code}: {ex.Error.Reason}";
        }
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(@key)", connection, transaction);
        command.Parameters.AddWithValue("key", LockKey);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<List<OutboxMessage>> ClaimAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int batchSize,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            SELECT id, event_id, topic, message_key, event_type, schema_version, occurred_at, payload, trace_parent, trace_state, created_at
            FROM {MessagingModelBuilderExtensions.OutboxTable} ORDER BY id LIMIT @limit FOR UPDATE SKIP LOCKED
            """, connection, transaction);
        command.Parameters.AddWithValue("limit", batchSize);
        var rows = new List<OutboxMessage>(batchSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new OutboxMessage
            {
                Id = reader.GetInt64(0),
                EventId = reader.GetGuid(1),
                Topic = reader.GetString(2),
                MessageKey = reader.GetString(3),
                EventType = reader.GetString(4),
                SchemaVersion = reader.GetInt32(5),
                OccurredAt = reader.GetFieldValue<DateTimeOffset>(6),
                Payload = reader.GetFieldValue<byte[]>(7),
                TraceParent = reader.IsDBNull(8) ? null : reader.GetString(8),
                TraceState = reader.IsDBNull(9) ? null : reader.GetString(9),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(10),
            });
        }

        return rows;
    }

    private async Task RecordBacklogAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now - lastBacklogCheck < TimeSpan.FromSeconds(2))
        {
            return;
        }

        lastBacklogCheck = now;
        await using var command = new NpgsqlCommand(
            $"SELECT count(*), min(created_at) FROM {MessagingModelBuilderExtensions.OutboxTable}", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var backlog = reader.GetInt64(0);
        var oldest = reader.IsDBNull(1) ? now : reader.GetFieldValue<DateTimeOffset>(1);
        MessagingTelemetry.RecordOutbox(OutboxName, backlog, Math.Max(0, (now - oldest).TotalSeconds));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql,
        CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static TimeSpan Next(TimeSpan current, TimeSpan max) => TimeSpan.FromTicks(Math.Min(current.Ticks * 2, max.Ticks));

    private static long StableHash(string text)
    {
        // string.GetHashCode is randomised per process; replicas must agree on the lock key.
        var hash = 1469598103934665603L;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211L;
        }

        return hash;
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        producer?.Flush(TimeSpan.FromSeconds(5));
        producer?.Dispose();
        base.Dispose();
    }

    [LoggerMessage(200, LogLevel.Warning, "{Count} outbox messages of {Outbox} were not delivered; retrying in {BackoffMs} ms")]
    private static partial void LogDeliveryFailed(ILogger logger, int count, string outbox, double backoffMs);

    [LoggerMessage(201, LogLevel.Warning, "Outbox relay of {Outbox} failed; retrying in {BackoffMs} ms")]
    private static partial void LogRelayError(ILogger logger, Exception exception, string outbox, double backoffMs);
}
