using System.Diagnostics;
using Confluent.Kafka;
using Platform.Messaging.Envelope;
using Platform.Messaging.Telemetry;

namespace Platform.Messaging.Producing;

/// <summary>
/// Publishes envelopes straight to Kafka and returns once the broker acknowledged them.
/// For facts that have no database of their own to go through (the gateway forwarding core
/// systems' activity) and for dead letters. Services publishing their own state changes use
/// the outbox instead.
/// </summary>
public interface IEventPublisher
{
    /// <summary>Publishes all envelopes; completes when every one is acknowledged, throws if any failed.</summary>
    Task PublishAsync(string topic, IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken);
}

internal sealed class SharedProducer(KafkaClientFactory factory) : IEventPublisher, IDisposable
{
    private readonly Lazy<IProducer<string, byte[]>> producer = new(() => factory.CreateProducer("platform-publisher"));
    private int disposed;

    public IProducer<string, byte[]> Producer => producer.Value;

    public async Task PublishAsync(string topic, IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken)
    {
        var deliveries = new Task[envelopes.Count];
        for (var i = 0; i < envelopes.Count; i++)
        {
            var envelope = envelopes[i];
            using var activity = MessagingTelemetry.StartPublish(topic, Activity.Current?.Id, Activity.Current?.TraceStateString,
                envelope.EventId, envelope.EventType);
            deliveries[i] = Producer.ProduceAsync(topic, envelope.ToKafkaMessage(activity?.Id, activity?.TraceStateString), cancellationToken);
        }

        await Task.WhenAll(deliveries);
        MessagingTelemetry.Published.Add(envelopes.Count, MessagingTelemetry.Topic(topic));
    }

    /// <remarks>
    /// Registered both as itself and as <see cref="IEventPublisher"/>, so the container disposes it twice.
    /// </remarks>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0 && producer.IsValueCreated)
        {
            producer.Value.Flush(TimeSpan.FromSeconds(5));
            producer.Value.Dispose();
        }
    }
}
