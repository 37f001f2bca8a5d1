using System.Diagnostics;
using Confluent.Kafka;
using Platform.Messaging.Envelope;

namespace Platform.TestSupport.Kafka;

/// <summary>
/// Publishes envelopes as another service's relay would, and reads what was published, for
/// assertions. Reading assigns every partition from the beginning
/// instead of joining a group, so there is no rebalance to wait for and no offsets are committed.
/// </summary>
public static class KafkaMessages
{
    /// <summary>Produces the envelopes in order, each acknowledged before the next; producing one again is a redelivery.</summary>
    public static async Task ProduceAsync(string bootstrapServers, string topic, params IEnumerable<EventEnvelope> envelopes)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers, EnableIdempotence = true }).Build();
        foreach (var envelope in envelopes)
        {
            await producer.ProduceAsync(topic, envelope.ToKafkaMessage(null, null));
        }
    }

    /// <summary>
    /// Produces the envelopes in one record batch (the producer lingers), for tests of batched consumers: DevBroker
    /// (librdkafka's mock cluster) answers a fetch with one record batch per partition, so events produced one by one
    /// would reach the consumer one poll at a time. Produce before the consumer starts for its first poll to hold them all.
    /// </summary>
    public static void ProduceTogether(string bootstrapServers, string topic, params IEnumerable<EventEnvelope> envelopes)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers, EnableIdempotence = true, LingerMs = 200,
        }).Build();
        var failures = new List<Error>();
        foreach (var envelope in envelopes)
        {
            producer.Produce(topic, envelope.ToKafkaMessage(null, null), report =>
            {
                if (report.Error.IsError)
                {
                    lock (failures)
                    {
                        failures.Add(report.Error);
                    }
                }
            });
        }

        if (producer.Flush(TimeSpan.FromSeconds(30)) != 0 || failures.Count > 0)
        {
            throw new InvalidOperationException($"Producing together failed: {string.Join("; ", failures.Select(f => f.Reason))}");
        }
    }

    /// <summary>
    /// Returns the first <paramref name="count"/> messages that match <paramref name="where"/>, in partition
    /// order within each partition, or throws <see cref="TimeoutException"/> when they have not all arrived in time.
    /// </summary>
    public static Task<IReadOnlyList<ConsumedMessage>> ConsumeAsync(
        string bootstrapServers,
        string topic,
        int count,
        TimeSpan timeout,
        Func<ConsumedMessage, bool>? where = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Task.Run(() => Consume(bootstrapServers, topic, count, timeout, where ?? (_ => true), cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Every message of <paramref name="topic"/> published so far that matches <paramref name="where"/>: "exactly one"
    /// means exactly one, where <see cref="ConsumeAsync"/> stops at the count it was asked for and cannot see a second.
    /// The end is each partition's high watermark when called, so nothing is written to the topic (a sentinel message
    /// would reach the consumers under test). Call it once the action under test has finished publishing, i.e. after
    /// observing an effect that follows its last publish: a message behind it handled by the same consumer (which
    /// awaits its dead letters before moving on), a relay's outbox empty, a sentinel event applied.
    /// </summary>
    public static Task<IReadOnlyList<ConsumedMessage>> ConsumeAllAsync(
        string bootstrapServers,
        string topic,
        TimeSpan timeout,
        Func<ConsumedMessage, bool>? where = null,
        CancellationToken cancellationToken = default) =>
        Task.Run(() => ConsumeAll(bootstrapServers, topic, timeout, where ?? (_ => true), cancellationToken), cancellationToken);

    private static IReadOnlyList<ConsumedMessage> ConsumeAll(
        string bootstrapServers, string topic, TimeSpan timeout, Func<ConsumedMessage, bool> where, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        TimeSpan Remaining() => timeout - Stopwatch.GetElapsedTime(started);

        using var consumer = NewReader(bootstrapServers);
        var ends = Partitions(bootstrapServers, topic, Remaining())
            .Select(p => new TopicPartition(topic, p))
            .ToDictionary(p => p.Partition.Value, p => consumer.QueryWatermarkOffsets(p, Remaining()).High.Value);
        var pending = ends.Where(e => e.Value > 0).Select(e => e.Key).ToHashSet();
        consumer.Assign(pending.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));

        var found = new List<ConsumedMessage>();
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var remaining = Remaining();
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Could not read '{topic}' to its end within {timeout}; partitions {string.Join(", ", pending)} unread.");
            }

            if (consumer.Consume(remaining < TimeSpan.FromMilliseconds(200) ? remaining : TimeSpan.FromMilliseconds(200)) is not { } result)
            {
                continue;
            }

            if (result.Offset.Value < ends[result.Partition.Value] && ToMessage(result) is var message && where(message))
            {
                found.Add(message);
            }

            if (result.Offset.Value + 1 >= ends[result.Partition.Value])
            {
                pending.Remove(result.Partition.Value);
            }
        }

        return found;
    }

    private static IConsumer<byte[]?, byte[]?> NewReader(string bootstrapServers) =>
        new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "test-reader",
            EnableAutoCommit = false,
            EnablePartitionEof = false,
        }).Build();

    private static IReadOnlyList<ConsumedMessage> Consume(
        string bootstrapServers, string topic, int count, TimeSpan timeout, Func<ConsumedMessage, bool> where, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        TimeSpan Remaining() => timeout - Stopwatch.GetElapsedTime(started);

        using var consumer = NewReader(bootstrapServers);
        consumer.Assign(Partitions(bootstrapServers, topic, Remaining())
            .Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));

        var found = new List<ConsumedMessage>(count);
        while (found.Count < count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var remaining = Remaining();
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Expected {count} matching message(s) on '{topic}' within {timeout}, found {found.Count}.");
            }

            if (consumer.Consume(remaining < TimeSpan.FromMilliseconds(200) ? remaining : TimeSpan.FromMilliseconds(200)) is { } result
                && ToMessage(result) is var message && where(message))
            {
                found.Add(message);
            }
        }

        return found;
    }

    private static IEnumerable<int> Partitions(string bootstrapServers, string topic, TimeSpan timeout)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var metadata = admin.GetMetadata(topic, timeout).Topics.Single();
        if (metadata.Error.IsError)
        {
            throw new InvalidOperationException($"Topic '{topic}' is not available: {metadata.Error.Reason}.");
        }

        return metadata.Partitions.Select(p => p.PartitionId).ToArray();
    }

    private static ConsumedMessage ToMessage(ConsumeResult<byte[]?, byte[]?> result) => new(
        result.Topic,
        result.Partition.Value,
        result.Offset.Value,
        result.Message.Key is { } key ? System.Text.Encoding.UTF8.GetString(key) : null,
        result.Message.Headers?.Select(h => KeyValuePair.Create(h.Key, h.GetValueBytes())).ToArray() ?? [],
        result.Message.Value ?? []);
}
