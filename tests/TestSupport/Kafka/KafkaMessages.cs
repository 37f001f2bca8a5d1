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

    private static IReadOnlyList<ConsumedMessage> Consume(
        string bootstrapServers, string topic, int count, TimeSpan timeout, Func<ConsumedMessage, bool> where, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        TimeSpan Remaining() => timeout - Stopwatch.GetElapsedTime(started);

        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "test-reader",
            EnableAutoCommit = false,
            EnablePartitionEof = false,
        }).Build();
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
