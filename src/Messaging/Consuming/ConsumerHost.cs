using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Messaging.Envelope;
using Platform.Messaging.Postgres;
using Platform.Messaging.Producing;
using Platform.Messaging.Telemetry;

namespace Platform.Messaging.Consuming;

/// <summary>
/// Runs one consumer group on its own thread. The guards: an offset is stored only once its message is done with (its
/// transaction committed, or its dead letter acknowledged), in consumption order, and auto-commit sends stored offsets; a
/// crash replays from the last committed offset and the inbox turns the replays into no-ops.
/// <para>Per event (<see cref="IEventHandler{TEvent}"/>): inbox check, handler, SaveChanges and commit in one transaction. A
/// failing handler is retried with backoff, then the message goes to <c>&lt;topic&gt;.dlq</c> with the error, and the
/// partition moves on.</para>
/// <para>In batches (<see cref="IEventBatchHandler"/>): what the client already fetched, up to MaxBatch, in one transaction per
/// run of well-formed messages, a malformed one dead-lettered in its place between runs. A failed run is split in halves,
/// each tried as a batch, down to a single event, which gets the per-event retries and dead letter. A batch that has spent
/// half of MaxPollInterval hands the rest back to the poll loop (seeking its partitions back), so that the consumer is not
/// taken for dead and ejected from its group. A database outage is waited out, counting no attempt.</para>
/// </summary>
internal sealed partial class ConsumerHost<TContext>(
    string group,
    int member,
    IReadOnlyList<HandlerRegistration> registrations,
    IServiceScopeFactory scopes,
    KafkaClientFactory clients,
    SharedProducer deadLetters,
    ConsumerOptions options,
    ConsumerStatus status,
    TimeProvider time,
    ILogger<ConsumerHost<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    private readonly Dictionary<(string Topic, string EventType), HandlerRegistration> handlers =
        registrations.ToDictionary(r => (r.Topic, r.EventType));

    private readonly string[] topics = registrations.Select(r => r.Topic).Distinct().ToArray();

    /// <summary>The name readiness knows this member by: the group's, and for a second member on "#2" and so on.</summary>
    private readonly string statusName = member == 0 ? group : $"{group}#{member + 1}";

    /// <summary>All of the group's registrations are batch ones or none (MessagingExtensions.AddConsumer checks).</summary>
    private readonly bool batched = registrations[0].BatchHandler is not null;
    /// <summary>Partitions revoked since <see cref="TakeRevoked"/> was last called; filled on the polling thread inside Consume.</summary>
    private readonly List<TopicPartition> revoked = [];
    private DateTimeOffset lastLagReport = DateTimeOffset.MinValue;

    /// <summary>
    /// Whether the next attempt may hold events the inbox has seen: set by an attempt that found one, cleared by one that found
    /// none (<see cref="HandleOnceAsync(IReadOnlyList{ValueTuple{HandlerRegistration, ConsumedEvent}}, CancellationToken)"/>).
    /// Only this member's poll loop touches it.
    /// </summary>
    private bool inboxMayHoldNext;

    private const string InsertInboxRows =
        $"INSERT INTO {MessagingModelBuilderExtensions.InboxTable} (consumer, event_id, handled_at) SELECT $1, id, $3 FROM unnest($2::uuid[]) AS id";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stopping)
    {
        try
        {
            SchemaGate.WaitForSchemaAsync<TContext>(scopes, stopping).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var backoff = options.InitialBackoff;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                revoked.Clear();
                using var consumer = clients.CreateConsumer(group, options, revoked.AddRange);
                consumer.Subscribe(topics);
                status.Report(statusName, running: true);
                ConsumeUntilStopped(consumer, stopping);
                consumer.Close();
                return;
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                status.Report(statusName, running: false);
                LogConsumerCrashed(logger, ex, group, backoff.TotalMilliseconds);
                stopping.WaitHandle.WaitOne(backoff);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.MaxBackoff.Ticks));
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private void ConsumeUntilStopped(IConsumer<string, byte[]> consumer, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(250));
            ReportLagWhenDue(consumer);
            if (result is null || result.IsPartitionEOF)
            {
                continue;
            }

            if (batched)
            {
                var batch = BatchFill.Fill(result, options.MaxBatch, () => consumer.Consume(TimeSpan.Zero), TakeRevoked, () => consumer.Assignment);
                if (!ProcessBatchAsync(consumer, batch, stopping).GetAwaiter().GetResult())
                {
                    return; // stopping mid-batch: what is not done keeps its offset unstored
                }

                continue;
            }

            if (!ProcessAsync(result, stopping).GetAwaiter().GetResult())
            {
                return; // stopping mid-message: leave its offset unstored so that it is consumed again
            }

            consumer.StoreOffset(result);
        }
    }

    /// <summary>
    /// Handles the batch in order: the runs of well-formed messages in one transaction each, a malformed message straight to
    /// the dead-letter topic between them; stores each offset once its message is done with. False when stopping.
    /// </summary>
    private async Task<bool> ProcessBatchAsync(IConsumer<string, byte[]> consumer, List<ConsumeResult<string, byte[]>> batch, CancellationToken stopping)
    {
        var progress = new BatchProgress(consumer, batch, options.BatchTimeBudget);
        var run = new List<BatchEntry>();
        foreach (var result in batch)
        {
            try
            {
                var envelope = EventEnvelope.FromKafkaMessage(result.Message);
                var registration = handlers.GetValueOrDefault((result.Topic, envelope.EventType));
                // An event type the group does not subscribe to keeps its place in the run: its offset is stored after the run's.
                run.Add(new BatchEntry(result, registration, registration is null ? null
                    : new ConsumedEvent(registration.Parse(envelope.Payload), ContextOf(envelope, result, attempt: 1))));
            }
            catch (Exception ex) when (ex is InvalidEnvelopeException or InvalidProtocolBufferException)
            {
                if (!await ProcessRunAsync(progress, run, stopping))
                {
                    return false;
                }

                if (progress.HandBackIfLate())
                {
                    LogBatchHandedBack(logger, group, progress.Remaining, options.MaxPollInterval.TotalMilliseconds);
                    return true;
                }

                if (!await DeadLetterAsync(result, ex, attempts: 1, stopping))
                {
                    return false;
                }

                progress.Finished(result);
                run.Clear();
            }
        }

        return await ProcessRunAsync(progress, run, stopping);
    }

    /// <summary>
    /// One transaction for the run, waiting out database outages. When the handler fails, its halves are tried the same way,
    /// so that one poisoned event among many costs a few transactions, not one per event; a single event gets its retries and
    /// dead letter (<see cref="ProcessAsync"/>). Before each transaction, hands the rest of the batch back to the poll loop
    /// when the batch's time is spent (<see cref="ConsumerOptions.MaxPollInterval"/>): a failure that hits every event
    /// costs each its retries, too long to go without polling. Stores the offsets of what is done. False when stopping.
    /// </summary>
    private async Task<bool> ProcessRunAsync(BatchProgress progress, List<BatchEntry> run, CancellationToken stopping)
    {
        if (run.Count == 0)
        {
            return true;
        }

        if (progress.HandBackIfLate())
        {
            LogBatchHandedBack(logger, group, progress.Remaining, options.MaxPollInterval.TotalMilliseconds);
            return true;
        }

        var events = run.Where(m => m.Registration is not null).Select(m => (m.Registration!, m.Event!)).ToList();
        switch (events.Count == 0 ? BatchAttempt.Committed : await TryBatchAsync(run, events, stopping))
        {
            case BatchAttempt.Stopping:
                return false;
            case BatchAttempt.Committed:
                run.ForEach(m => progress.Finished(m.Result));
                return true;
            case BatchAttempt.Failed when events.Count == 1:
                foreach (var message in run)
                {
                    if (!await ProcessAsync(message.Result, stopping))
                    {
                        return false;
                    }

                    progress.Finished(message.Result);
                }

                return true;
            default:
                // More than one event, so more than one message: both halves are smaller, and the recursion ends.
                var half = run.Count / 2;
                return await ProcessRunAsync(progress, run[..half], stopping) && await ProcessRunAsync(progress, run[half..], stopping);
        }
    }

    /// <summary>One transaction for the run's events, retried while the database is away (not the events' fault, no attempt counted).</summary>
    private async Task<BatchAttempt> TryBatchAsync(List<BatchEntry> run, List<(HandlerRegistration, ConsumedEvent)> events, CancellationToken stopping)
    {
        for (var outages = 0; ; )
        {
            using var activity = MessagingTelemetry.StartProcessBatch(group, run.Select(m => (m.Result.Topic, m.Result.Message.Headers)).ToList(), events.Count);
            try
            {
                var applied = await HandleOnceAsync(events, stopping);
                if (outages > 0)
                {
                    status.ReportDatabase(statusName, waiting: false);
                }

                foreach (var topic in events.GroupBy(e => e.Item2.Context.Topic))
                {
                    var handled = applied.Count(a => a.Context.Topic == topic.Key);
                    MessagingTelemetry.Handled.Add(handled, MessagingTelemetry.Topic(topic.Key), MessagingTelemetry.Group(group));
                    MessagingTelemetry.Duplicates.Add(topic.Count() - handled, MessagingTelemetry.Topic(topic.Key), MessagingTelemetry.Group(group));
                }

                return BatchAttempt.Committed;
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return BatchAttempt.Stopping;
            }
            catch (Exception ex) when (SchemaGate.IsTransient(ex))
            {
                activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
                LogBatchInfrastructureFailed(logger, ex, group, events.Count);
                status.ReportDatabase(statusName, waiting: true);
                if (!await DelayAsync(Backoff(++outages), stopping))
                {
                    return BatchAttempt.Stopping;
                }
            }
            catch (Exception ex)
            {
                // Which event failed is unknown: the caller splits the run.
                activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
                LogBatchFailed(logger, ex, group, events.Count);
                return BatchAttempt.Failed;
            }
        }
    }

    private List<TopicPartition> TakeRevoked()
    {
        var taken = revoked.ToList();
        revoked.Clear();
        return taken;
    }

    private static EventContext ContextOf(EventEnvelope envelope, ConsumeResult<string, byte[]> result, int attempt) =>
        new(envelope.EventId, envelope.EventType, envelope.Key, envelope.OccurredAt, result.Topic, result.Partition.Value, result.Offset.Value, attempt);

    /// <summary>Returns true when the message is done with (handled, duplicate, ignored or dead-lettered).</summary>
    private async Task<bool> ProcessAsync(ConsumeResult<string, byte[]> result, CancellationToken stopping)
    {
        EventEnvelope envelope;
        IMessage message;
        HandlerRegistration? registration;
        try
        {
            envelope = EventEnvelope.FromKafkaMessage(result.Message);
            if (!handlers.TryGetValue((result.Topic, envelope.EventType), out registration))
            {
                return true; // an event type this group does not subscribe to
            }

            message = registration.Parse(envelope.Payload);
        }
        catch (Exception ex) when (ex is InvalidEnvelopeException or InvalidProtocolBufferException)
        {
            // Retrying cannot fix a malformed message: straight to the dead-letter topic.
            return await DeadLetterAsync(result, ex, attempts: 1, stopping);
        }

        var outages = 0;
        for (var attempt = 1; ; )
        {
            var context = ContextOf(envelope, result, attempt);
            using var activity = MessagingTelemetry.StartProcess(result.Topic, group,
                EventEnvelope.ReadHeader(result.Message.Headers, EnvelopeHeaders.TraceParent),
                EventEnvelope.ReadHeader(result.Message.Headers, EnvelopeHeaders.TraceState), envelope.EventId, envelope.EventType);
            try
            {
                var applied = (await HandleOnceAsync([(registration, new ConsumedEvent(message, context))], stopping)).Count > 0;
                if (outages > 0)
                {
                    status.ReportDatabase(statusName, waiting: false);
                }

                (applied ? MessagingTelemetry.Handled : MessagingTelemetry.Duplicates)
                    .Add(1, MessagingTelemetry.Topic(result.Topic), MessagingTelemetry.Group(group));
                return true;
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception ex) when (SchemaGate.IsTransient(ex))
            {
                // The database is away: wait for it as long as it takes, this is not the message's fault.
                activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
                LogInfrastructureFailed(logger, ex, group, envelope.EventType, envelope.EventId);
                status.ReportDatabase(statusName, waiting: true);
                if (!await DelayAsync(Backoff(++outages), stopping))
                {
                    return false;
                }
            }
            catch (Exception ex)
            {
                activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
                if (attempt >= options.MaxAttempts)
                {
                    return await DeadLetterAsync(result, ex, attempt, stopping);
                }

                MessagingTelemetry.Retried.Add(1, MessagingTelemetry.Topic(result.Topic), MessagingTelemetry.Group(group));
                var delay = Backoff(attempt);
                LogHandlerFailed(logger, ex, group, envelope.EventType, envelope.EventId, attempt, delay.TotalMilliseconds);
                if (!await DelayAsync(delay, stopping))
                {
                    return false;
                }

                attempt++;
            }
        }
    }

    /// <summary>
    /// Inbox rows, handler, SaveChanges, commit. Returns the events applied: those whose event id the inbox did not hold yet
    /// (the first copy of an id the batch holds twice).
    /// </summary>
    /// <remarks>
    /// Nearly every batch holds only events the inbox has never seen, so their rows go in with a plain INSERT first: ON
    /// CONFLICT's speculative insertion costs PostgreSQL another index probe and WAL record per row. An event the inbox already
    /// holds (a replay after a restart or a rebalance, a copy the relay published twice) makes that INSERT fail (or wait for
    /// another transaction inserting the same id, then fail if it commits), and the attempt starts over in a new transaction
    /// with ON CONFLICT sorting the events out. Replays come in runs (everything since the last committed offset), so ON
    /// CONFLICT stays until an attempt finds the inbox held none of its events (<see cref="inboxMayHoldNext"/>).
    /// </remarks>
    private async Task<IReadOnlyList<ConsumedEvent>> HandleOnceAsync(
        IReadOnlyList<(HandlerRegistration Registration, ConsumedEvent Event)> events, CancellationToken cancellationToken) =>
        (inboxMayHoldNext ? null : await HandleOnceAsync(events, assumeAllNew: true, cancellationToken))
        ?? (await HandleOnceAsync(events, assumeAllNew: false, cancellationToken))!; // null only when assuming all new

    /// <returns>Null when <paramref name="assumeAllNew"/> and the inbox held one of the events: nothing was applied.</returns>
    private async Task<IReadOnlyList<ConsumedEvent>?> HandleOnceAsync(
        IReadOnlyList<(HandlerRegistration Registration, ConsumedEvent Event)> events, bool assumeAllNew, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        // A failure anywhere rolls the whole attempt back.
        await using var transaction = await db.Database.BeginWholeTransactionAsync(cancellationToken);
        var firstCopies = new HashSet<Guid>();
        var fresh = events.Where(e => firstCopies.Add(e.Event.Context.EventId)).ToList();
        // Through Npgsql, not EF Core: EF logs every failed command as an error, and the plain insert's failure is expected.
        await using var insert = new NpgsqlCommand(assumeAllNew ? InsertInboxRows : InsertInboxRows + " ON CONFLICT DO NOTHING RETURNING event_id",
            (NpgsqlConnection)db.Database.GetDbConnection())
        {
            Parameters = { new() { Value = group }, new() { Value = firstCopies.ToArray() }, new() { Value = time.GetUtcNow() } },
        };
        if (assumeAllNew)
        {
            try
            {
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException ex) when (ex is { SqlState: PostgresErrorCodes.UniqueViolation, TableName: MessagingModelBuilderExtensions.InboxTable })
            {
                inboxMayHoldNext = true;
                return null;
            }
        }
        else
        {
            var inserted = new HashSet<Guid>();
            await using (var reader = await insert.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    inserted.Add(reader.GetGuid(0));
                }
            }

            inboxMayHoldNext = inserted.Count < firstCopies.Count;
            fresh.RemoveAll(e => !inserted.Contains(e.Event.Context.EventId));
        }

        if (fresh.Count == 0)
        {
            return [];
        }

        var applied = fresh.Select(e => e.Event).ToList();
        // Any event's registration will do: in a batch group all of them invoke the one batch handler (AddConsumer checks),
        // and a per-event group hands over one event at a time.
        await fresh[0].Registration.InvokeAsync(scope.ServiceProvider, applied, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // Not cancelled by a stopping host: the change is committed, so a replay would find the events in
        // the inbox and skip them, and these copies would stay stale. Their own deadlines bound them.
        await scope.ServiceProvider.GetRequiredService<AfterCommit>().RunAsync(
            ex => LogAfterCommitFailed(logger, ex, group, applied.Count));
        return applied;
    }

    /// <summary>Produces the original message, with the error, to the dead-letter topic; retries until it is acknowledged or the host stops.</summary>
    private async Task<bool> DeadLetterAsync(ConsumeResult<string, byte[]> result, Exception error, int attempts, CancellationToken stopping)
    {
        var headers = new Headers();
        foreach (var header in result.Message.Headers ?? [])
        {
            headers.Add(header.Key, header.GetValueBytes());
        }

        var reason = error.Message.Length > 1000 ? error.Message[..1000] : error.Message;
        headers.Add(EnvelopeHeaders.DeadLetterErrorType, Encoding.UTF8.GetBytes(error.GetType().FullName ?? error.GetType().Name));
        headers.Add(EnvelopeHeaders.DeadLetterError, Encoding.UTF8.GetBytes(reason));
        headers.Add(EnvelopeHeaders.DeadLetterAttempts, Encoding.UTF8.GetBytes(attempts.ToString(CultureInfo.InvariantCulture)));
        headers.Add(EnvelopeHeaders.DeadLetterSource, Encoding.UTF8.GetBytes($"{result.Topic}/{result.Partition.Value}/{result.Offset.Value}"));
        headers.Add(EnvelopeHeaders.DeadLetterConsumer, Encoding.UTF8.GetBytes(group));
        var deadLetter = new Message<string, byte[]> { Key = result.Message.Key, Value = result.Message.Value, Headers = headers };
        var dlq = Topics.DeadLetterOf(result.Topic);

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Awaited to the delivery report (bounded by the producer's delivery timeout) even when the host
                // stops: the record is queued either way, and giving up on it would leave the offset unstored,
                // so the message would fail all its attempts again after a restart and be dead-lettered twice.
                await deadLetters.Producer.ProduceAsync(dlq, deadLetter, CancellationToken.None);
                MessagingTelemetry.DeadLettered.Add(1, MessagingTelemetry.Topic(result.Topic), MessagingTelemetry.Group(group));
                LogDeadLettered(logger, error, group, result.Topic, result.Partition.Value, result.Offset.Value, attempts);
                return true;
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested && ex is KafkaException)
            {
                MessagingTelemetry.DeadLetterFailed.Add(1, MessagingTelemetry.Topic(result.Topic), MessagingTelemetry.Group(group));
                LogDeadLetterFailed(logger, ex, group, dlq);
                if (!await DelayAsync(Backoff(attempt), stopping))
                {
                    return false;
                }
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return false;
            }
        }
    }

    private TimeSpan Backoff(int attempt) => options.Backoff(attempt);

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken stopping)
    {
        // Backoff is infrastructure time, not the business clock that tests may drive.
        await Task.Delay(delay, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return !stopping.IsCancellationRequested;
    }

    private void ReportLagWhenDue(IConsumer<string, byte[]> consumer)
    {
        var now = time.GetUtcNow();
        if (now - lastLagReport < TimeSpan.FromSeconds(5))
        {
            return;
        }

        lastLagReport = now;
        foreach (var partition in consumer.Assignment)
        {
            var watermarks = consumer.GetWatermarkOffsets(partition);
            var position = consumer.Position(partition);
            if (watermarks.High != Offset.Unset && position != Offset.Unset)
            {
                MessagingTelemetry.RecordLag(group, partition.Topic, partition.Partition.Value, Math.Max(0, watermarks.High.Value - position.Value));
            }
        }
    }

    [LoggerMessage(300, LogLevel.Error, "Consumer {Group} crashed; restarting in {BackoffMs} ms")]
    private static partial void LogConsumerCrashed(ILogger logger, Exception exception, string group, double backoffMs);

    [LoggerMessage(301, LogLevel.Warning, "Consumer {Group} failed to handle {EventType} {EventId} (attempt {Attempt}); retrying in {BackoffMs} ms")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string group, string eventType, Guid eventId, int attempt, double backoffMs);

    [LoggerMessage(302, LogLevel.Error, "Consumer {Group} dead-lettered {Topic}/{Partition}/{Offset} after {Attempts} attempts")]
    private static partial void LogDeadLettered(ILogger logger, Exception exception, string group, string topic, int partition, long offset, int attempts);

    [LoggerMessage(304, LogLevel.Warning, "Consumer {Group} could not reach its database for {EventType} {EventId}; waiting")]
    private static partial void LogInfrastructureFailed(ILogger logger, Exception exception, string group, string eventType, Guid eventId);

    [LoggerMessage(305, LogLevel.Warning, "Consumer {Group}: an after-commit action of {Count} event(s) failed")]
    private static partial void LogAfterCommitFailed(ILogger logger, Exception exception, string group, int count);

    [LoggerMessage(306, LogLevel.Warning, "Consumer {Group} failed to handle a batch of {Count} events; trying its halves (a single event: its retries)")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, string group, int count);

    [LoggerMessage(307, LogLevel.Warning, "Consumer {Group} could not reach its database for a batch of {Count} events; waiting")]
    private static partial void LogBatchInfrastructureFailed(ILogger logger, Exception exception, string group, int count);

    [LoggerMessage(308, LogLevel.Warning, "Consumer {Group} spent half its poll interval ({MaxPollIntervalMs} ms) on a batch; {Remaining} messages go back to the poll loop")]
    private static partial void LogBatchHandedBack(ILogger logger, string group, int remaining, double maxPollIntervalMs);

    [LoggerMessage(303, LogLevel.Warning, "Consumer {Group} could not write to {DeadLetterTopic}; retrying")]
    private static partial void LogDeadLetterFailed(ILogger logger, Exception exception, string group, string deadLetterTopic);
}
