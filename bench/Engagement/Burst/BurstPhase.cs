using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Npgsql;
using Platform.Bench.Common.Delivery;
using Platform.Bench.Common.Hosting;
using Platform.Bench.Common.Measuring;
using Platform.Messaging;
using Platform.Messaging.Envelope;

namespace Platform.Bench.Engagement.Burst;

/// <summary>
/// Publishes a burst as fast as one producer can (lz4 batches, as a core system's bulk feed would) and watches Engagement drain
/// it: the two consumer groups' inbox rows, the instances fired and decided, deliveries and the outbox. With
/// <paramref name="pausedWhilePublishing"/> the service is frozen while the burst is published and timed from when it is
/// continued: it reads a backlog, as the raw consumer does; without, it consumes while the publisher runs beside it.
/// </summary>
public sealed class BurstPhase(Infrastructure infrastructure, string engagementDb, ServiceProcess? pausedWhilePublishing, Action<string> progress,
    CancellationToken cancellationToken)
{
    public static readonly string[] Topics = [Messaging.Topics.OnboardingEvents, Messaging.Topics.ActivityEvents, Messaging.Topics.TieringEvents];
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long the service stays frozen at least: past DevBroker's group session timeout (6 s), so that its consumers are
    /// fenced and rejoin after every burst, the warm-ups' shorter publishes included, and the measured burst's rejoin is not a
    /// path the warm-ups never took.
    /// </summary>
    private static readonly TimeSpan LeastFrozen = TimeSpan.FromSeconds(8);

    public async Task<BurstResult> RunAsync(DayModel model, long events, Func<ResourceProbe>? probes)
    {
        await using var connection = new NpgsqlConnection(engagementDb);
        await connection.OpenAsync(cancellationToken);
        var before = await EngagementProgress.ReadAsync(connection, cancellationToken);
        var insertsBefore = await EngagementProgress.InboxInsertsAsync(connection, cancellationToken);
        var offsetsBefore = Topics.Select(t => TopicOffsets.Read(infrastructure.Kafka.BootstrapServers, t, infrastructure.Kafka.Partitions)).ToList();
        var publishedBefore = EngagementEvents();
        var byType = new SortedDictionary<string, long>(StringComparer.Ordinal);
        // Made before the window opens: a core system's events come ready from elsewhere, and building a million events, their
        // envelopes and records took about 7 s of CPU (measured apart) from the two cores Engagement is measured on, while it
        // consumed them. Each is stamped when it is published (StampedNow), as a producer does.
        var preparing = Stopwatch.StartNew();
        var records = EventPublisher.Prepare(model.Events(events).Select(e =>
        {
            var name = e.Message.Descriptor.Name;
            byType[name] = byType.GetValueOrDefault(name) + 1;
            return (e.Topic, EventEnvelope.Create(DayModel.ClientIdOf(e.Message), e.Message, DateTimeOffset.UtcNow));
        }));
        progress($"made the burst's {Format(records.Count)} records in {preparing.Elapsed.TotalSeconds:0.0} s (not measured)");

        void Publish() => EventPublisher.Publish(infrastructure.Kafka.BootstrapServers, records.Select(r => (r.Topic, StampedNow(r.Message))), cancellationToken, CompressionType.Lz4);
        TimeSpan? publishTook = null;
        var consuming = probes?.Invoke();
        using (var paused = pausedWhilePublishing?.Pause())
        {
            if (paused is not null)
            {
                var publishClock = Stopwatch.StartNew();
                Publish();
                publishTook = publishClock.Elapsed;
                CheckNothingDropped(offsetsBefore);
                if (LeastFrozen - publishClock.Elapsed is { Ticks: > 0 } rest)
                {
                    await Task.Delay(rest, cancellationToken);
                }

                progress($"published {Format(events)} events in {publishTook.Value.TotalSeconds:0.0} s with {pausedWhilePublishing!.Name} frozen "
                    + $"({publishClock.Elapsed.TotalSeconds:0.0} s); continuing it");
            }

            if (consuming is not null)
            {
                await consuming.WindowStartedAsync();
            }
        }

        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var publishing = publishTook is null ? Task.Run(Publish, cancellationToken) : Task.CompletedTask;
        long peakLag = 0;
        var lastReport = TimeSpan.Zero;
        EngagementProgress current = before;
        var counting = false;
        while (true)
        {
            await Task.Delay(PollInterval, cancellationToken);
            // Until the statistics say the inbox holds nearly every event (both groups' rows: the events and the steps), the lag
            // is estimated from them (the lifecycle group's share of the rows), and so are the progress lines (an exact count
            // scans a million-row index, about a quarter of a second of PostgreSQL's CPU, on the cores Engagement is measured
            // on); then counted exactly at every poll. Not from 100 %: a backend holds back its last counts for up to 10 s
            // when it flushed them less than a second before (PostgreSQL 15's pgstat), and the window would run on that long.
            var expectedRows = events + byType.GetValueOrDefault("StepRecorded");
            var inserted = await EngagementProgress.InboxInsertsAsync(connection, cancellationToken) - insertsBefore;
            counting = counting || publishing.IsCompleted && inserted >= expectedRows * 0.98;
            if (counting || clock.Elapsed - lastReport >= TimeSpan.FromSeconds(10))
            {
                current = await EngagementProgress.ReadAsync(connection, cancellationToken, inbox: counting);
            }

            var handled = counting ? current.Lifecycle - before.Lifecycle : inserted * events / Math.Max(1, expectedRows);
            peakLag = Math.Max(peakLag, Published(offsetsBefore) - handled);
            if (publishing.IsCompleted && publishTook is null)
            {
                await publishing;   // a failed publish ends the run here
                publishTook = clock.Elapsed;
                progress($"published {Format(events)} events in {publishTook.Value.TotalSeconds:0.0} s while Engagement consumed");
            }

            if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(10))
            {
                lastReport = clock.Elapsed;
                CheckNothingDropped(offsetsBefore);
                progress($"{clock.Elapsed.TotalSeconds:0} s: handled {Format(handled)} of {Format(events)}, {Format(current.Instances - before.Instances)} instances fired, "
                    + $"{Format(current.Undecided)} undecided, {Format(current.QueuedDeliveries)} deliveries queued, outbox {Format(current.Outbox)}");
            }

            if (counting && publishTook is not null && handled >= events && current.Timeline - before.Timeline >= byType.GetValueOrDefault("StepRecorded"))
            {
                break;
            }

            Check(clock);
        }

        var deciding = probes?.Invoke();
        if (consuming is not null && deciding is not null)
        {
            await consuming.WindowEndedAsync();
            await deciding.WindowStartedAsync();
        }

        // Read after the consuming window: a scan of the inbox (no index on the time).
        var (firstHandled, lastHandled) = await HandledSpanAsync(connection, started);
        var consumedAfter = lastHandled - started;

        progress($"consumed in {consumedAfter.TotalSeconds:0.0} s ({events / consumedAfter.TotalSeconds:N0} events/s); waiting for the decisions (the priority window is a minute)");
        while (!current.PipelineSettled)
        {
            await Task.Delay(PollInterval, cancellationToken);
            current = await EngagementProgress.ReadAsync(connection, cancellationToken, inbox: false);
            Check(clock);
        }

        var settledAfter = clock.Elapsed;
        if (deciding is not null)
        {
            await deciding.WindowEndedAsync();
        }

        return new BurstResult(events, byType, publishTook!.Value, consumedAfter, settledAfter, peakLag, current.Instances - before.Instances,
            await OutcomesAsync(connection, started), await DecisionSpanAsync(connection, started), EngagementEvents() - publishedBefore, consuming?.Usage, deciding?.Usage)
        {
            Records = (offsetsBefore, [.. Topics.Select(t => TopicOffsets.Read(infrastructure.Kafka.BootstrapServers, t, infrastructure.Kafka.Partitions))]),
            Backlog = pausedWhilePublishing is not null,
            FirstHandledAfter = firstHandled - started,
        };
    }

    /// <summary>
    /// A made record stamped as its producer stamps it when it sends it: the event id a UUID v7 of now and the event's time now.
    /// Ids in the order published keep each inbox insert on the index's last pages (one time for a whole burst made a million
    /// ids random to the millisecond, every insert on a random page), and an event's time after the instances fired before it
    /// is what the goal events' check (an instance fired before the event) relies on. With --backlog on every event of a burst
    /// is stamped before Engagement fires anything for it, so the burst keeps no goal event of its own instances (the check
    /// still probes for each); a deployment's goal events come later than their moments, a few hundred in a 200k burst.
    /// </summary>
    private static Message<string, byte[]> StampedNow(Message<string, byte[]> record)
    {
        var now = DateTimeOffset.UtcNow;
        record.Headers.Remove(EnvelopeHeaders.EventId);
        record.Headers.Add(EnvelopeHeaders.EventId, Encoding.UTF8.GetBytes(Guid.CreateVersion7(now).ToString()));
        record.Headers.Remove(EnvelopeHeaders.OccurredAt);
        record.Headers.Add(EnvelopeHeaders.OccurredAt, Encoding.UTF8.GetBytes(now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)));
        return record;
    }

    private long Published(IReadOnlyList<TopicOffsets> before) =>
        before.Sum(b => TopicOffsets.Read(infrastructure.Kafka.BootstrapServers, b.Topic, b.Partitions.Count).Partitions.Sum(p => p.High) - b.Partitions.Sum(p => p.High));

    /// <summary>Fails the run when DevBroker's retention dropped records of the burst before Engagement read them: the figures would lie.</summary>
    private void CheckNothingDropped(IReadOnlyList<TopicOffsets> before)
    {
        foreach (var topic in before)
        {
            var now = TopicOffsets.Read(infrastructure.Kafka.BootstrapServers, topic.Topic, topic.Partitions.Count);
            if (now.Partitions.Select((p, i) => p.Low > topic.Partitions[i].High).Any(dropped => dropped))
            {
                throw new InvalidOperationException($"DevBroker dropped records of {topic.Topic} (it keeps about 5 MiB per partition): "
                    + "a smaller burst or more partitions (BenchRun.Partitions).");
            }
        }
    }

    private static void Check(Stopwatch clock)
    {
        if (clock.Elapsed > Deadline)
        {
            throw new TimeoutException($"The burst had not drained after {Deadline.TotalMinutes:0} minutes.");
        }
    }

    /// <summary>When the first and the last event of the burst were handled: the oldest and newest inbox rows of either group since it started.</summary>
    private async Task<(DateTimeOffset First, DateTimeOffset Last)> HandledSpanAsync(NpgsqlConnection connection, DateTimeOffset started)
    {
        await using var command = new NpgsqlCommand("SELECT min(handled_at), max(handled_at) FROM inbox_messages WHERE handled_at >= @started", connection);
        command.Parameters.AddWithValue("started", started);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1));
    }

    private async Task<IReadOnlyList<(string, string?, long)>> OutcomesAsync(NpgsqlConnection connection, DateTimeOffset started)
    {
        await using var command = new NpgsqlCommand(
            "SELECT decision, reason, count(*) FROM outreach_instances WHERE fired_at >= @started GROUP BY 1, 2 ORDER BY 3 DESC", connection);
        command.Parameters.AddWithValue("started", started);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        List<(string, string?, long)> outcomes = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            outcomes.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2)));
        }

        return outcomes;
    }

    /// <summary>From the first decision to the last of the instances the burst fired.</summary>
    private async Task<TimeSpan?> DecisionSpanAsync(NpgsqlConnection connection, DateTimeOffset started)
    {
        await using var command = new NpgsqlCommand(
            "SELECT min(decided_at), max(decided_at) FROM outreach_instances WHERE fired_at >= @started AND decided_at IS NOT NULL", connection);
        command.Parameters.AddWithValue("started", started);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(1) - reader.GetFieldValue<DateTimeOffset>(0);
    }

    /// <summary>Records on engagement.events so far (stage changes and decisions).</summary>
    private long EngagementEvents() =>
        TopicOffsets.Read(infrastructure.Kafka.BootstrapServers, Messaging.Topics.EngagementEvents, infrastructure.Kafka.Partitions).Partitions.Sum(p => p.High);

    private static string Format(long value) => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
