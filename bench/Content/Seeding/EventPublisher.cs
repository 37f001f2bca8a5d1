using Confluent.Kafka;
using Platform.Messaging.Envelope;

namespace Platform.Bench.Content.Seeding;

/// <summary>
/// Publishes envelopes as the other services' outbox relays would (the platform's envelope headers, keyed by client id),
/// without waiting for each acknowledgement: idempotence keeps each partition's order, and the flush waits for them all.
/// </summary>
public static class EventPublisher
{
    public static void Publish(string bootstrapServers, IEnumerable<(string Topic, EventEnvelope Envelope)> events, CancellationToken cancellationToken)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers, EnableIdempotence = true, LingerMs = 5, QueueBufferingMaxMessages = 1_000_000,
        }).Build();
        Error? failure = null;
        foreach (var (topic, envelope) in events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            producer.Produce(topic, envelope.ToKafkaMessage(null, null), report =>
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
            throw new InvalidOperationException($"Publishing the seed events failed: {failure.Reason}");
        }
    }
}
