using Confluent.Kafka;
using Platform.Messaging.Envelope;

namespace Platform.Bench.Common.Delivery;

/// <summary>
/// Publishes envelopes as the services' outbox relays would (the platform's envelope headers, keyed by client id),
/// without waiting for each acknowledgement: idempotence keeps each partition's order, and the flush waits for them all.
/// </summary>
public static class EventPublisher
{
    /// <param name="compression">
    /// Batches compressed as a producer of that volume would send them. DevBroker keeps about 5 MiB per partition and drops
    /// the oldest beyond it: a burst of a million events fits only compressed.
    /// </param>
    public static void Publish(string bootstrapServers, IEnumerable<(string Topic, EventEnvelope Envelope)> events, CancellationToken cancellationToken,
        CompressionType compression = CompressionType.None) =>
        Publish(bootstrapServers, Records(events), cancellationToken, compression);

    /// <summary>
    /// The records <see cref="Publish(string, IEnumerable{ValueTuple{string, Message{string, byte[]}}}, CancellationToken, CompressionType)"/>
    /// sends, made in advance: a bench that measures a consumer while it publishes makes them before its window opens, so that
    /// building the events is not taken from the cores it measures on.
    /// </summary>
    public static IReadOnlyList<(string Topic, Message<string, byte[]> Message)> Prepare(IEnumerable<(string Topic, EventEnvelope Envelope)> events) =>
        [.. Records(events)];

    /// <summary>Each envelope as the Kafka record the services' relays send (no trace context).</summary>
    private static IEnumerable<(string Topic, Message<string, byte[]> Message)> Records(IEnumerable<(string Topic, EventEnvelope Envelope)> events) =>
        events.Select(e => (e.Topic, e.Envelope.ToKafkaMessage(null, null)));

    public static void Publish(string bootstrapServers, IEnumerable<(string Topic, Message<string, byte[]> Message)> messages, CancellationToken cancellationToken,
        CompressionType compression = CompressionType.None)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers, EnableIdempotence = true, LingerMs = 5, QueueBufferingMaxMessages = 1_000_000,
            CompressionType = compression, BatchSize = compression == CompressionType.None ? 16_384 : 1_000_000,
        }).Build();
        Error? failure = null;
        foreach (var (topic, message) in messages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            producer.Produce(topic, message, report =>
            {
                if (report.Error.IsError)
                {
                    failure ??= report.Error;
                }
            });
        }

        producer.Flush(cancellationToken);
        if (failure is not null)
        {
            throw new InvalidOperationException($"Publishing the events failed: {failure.Reason}");
        }
    }
}
