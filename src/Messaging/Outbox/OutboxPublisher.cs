using Confluent.Kafka;
using Platform.Messaging.Envelope;
using Platform.Messaging.Producing;
using Platform.Messaging.Telemetry;

namespace Platform.Messaging.Outbox;

/// <summary>
/// Produces a relay round's rows in id order and collects their delivery reports, keeping each
/// (topic, key)'s order: once a row fails, no later row of its (topic, key) may reach Kafka
/// before it. Errors the producer reports at once (a local error: too large, queue full, a
/// stopped producer) hold back that stream's later rows unproduced. Errors the broker reports
/// come after later rows were handed over; there the producer's gapless guarantee stops them:
/// a failed produce request makes it fatal, and the broker refuses the later requests of the
/// partition (their sequence numbers no longer follow), so they fail too and are retried after
/// the failed row. See the Messaging README for the one window this leaves (message timeouts).
/// A second, probe producer takes the rows a retry round produces alone (the heads it retries),
/// one per partition batch, so that a refusal of a batch is about its one row.
/// </summary>
internal sealed class OutboxPublisher(KafkaClientFactory clients, string name) : IDisposable
{
    private IProducer<string, byte[]>? producer;
    private IProducer<string, byte[]>? prober;
    private volatile bool producerFailed;

    /// <summary>
    /// One outcome per row, in the rows' order. A row for which <paramref name="defer"/> gives a reason is not produced;
    /// the rows <paramref name="alone"/> picks go through the probe producer, one per partition batch, so that their
    /// outcomes are about them (<see cref="DeliveryOutcome.Alone"/>).
    /// </summary>
    public async Task<DeliveryOutcome[]> PublishAsync(IReadOnlyList<OutboxMessage> rows, Func<OutboxMessage, string?> defer,
        Func<OutboxMessage, bool> alone)
    {
        var kafka = Producer();
        var deliveries = new Task<DeliveryOutcome>[rows.Count];
        var stopped = new HashSet<(string Topic, string Key)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var stream = (rows[i].Topic, rows[i].MessageKey);
            if (stopped.Contains(stream))
            {
                deliveries[i] = Task.FromResult(DeliveryOutcome.Held);
                continue;
            }

            if (defer(rows[i]) is { } reason)
            {
                deliveries[i] = Task.FromResult(DeliveryOutcome.Deferred(reason));
                stopped.Add(stream);
                continue;
            }

            deliveries[i] = alone(rows[i]) ? ProduceAsync(prober ??= clients.CreateProbeProducer($"outbox-{name}-probe"), rows[i], probe: true)
                : ProduceAsync(kafka, rows[i], probe: false);
            // A local error completes the produce call before it returns, and is about the row alone.
            if (deliveries[i] is { IsCompleted: true, Result: { Status: DeliveryStatus.Failed } local })
            {
                deliveries[i] = Task.FromResult(local with { Alone = true });
                stopped.Add(stream);
            }
        }

        return await Task.WhenAll(deliveries);
    }

    /// <summary>The topic's partition count from the cluster's metadata (a request, waited for up to 2 s); null when it cannot be had.</summary>
    public int? PartitionCount(string topic)
    {
        try
        {
            using var admin = new DependentAdminClientBuilder(Producer().Handle).Build();
            var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(2)).Topics.FirstOrDefault(t => t.Topic == topic)?.Partitions.Count ?? 0;
            return partitions > 0 ? partitions : null;
        }
        catch (KafkaException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        producer?.Flush(TimeSpan.FromSeconds(5));
        producer?.Dispose();
        prober?.Flush(TimeSpan.FromSeconds(5));
        prober?.Dispose();
    }

    private IProducer<string, byte[]> Producer()
    {
        if (producerFailed)
        {
            // A fatal error (the gapless guarantee tripping) poisons the instance; the round gets a fresh one.
            producer?.Dispose();
            producer = null;
            producerFailed = false;
        }

        return producer ??= clients.CreateProducer($"outbox-{name}", gapless: true);
    }

    private async Task<DeliveryOutcome> ProduceAsync(IProducer<string, byte[]> kafka, OutboxMessage row, bool probe)
    {
        var envelope = new EventEnvelope(row.EventId, row.EventType, row.SchemaVersion, row.OccurredAt, row.MessageKey, row.Payload);
        using var activity = MessagingTelemetry.StartPublish(row.Topic, row.TraceParent, row.TraceState, row.EventId, row.EventType);
        try
        {
            var message = envelope.ToKafkaMessage(activity?.Id ?? row.TraceParent, activity?.TraceStateString ?? row.TraceState);
            var result = await kafka.ProduceAsync(row.Topic, message);
            return DeliveryOutcome.Delivered(result.Partition) with { Alone = probe };
        }
        catch (ProduceException<string, byte[]> ex)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.Error.Code.ToString());
            // A fatal producer reports the fatal error's code (the gapless guarantee's) on every later message.
            producerFailed |= !probe && (ex.Error.IsFatal || ex.Error.Code is ErrorCode.Local_Fatal or ErrorCode.Local_GaplessGuarantee);
            // The partition is known once librdkafka partitioned the row; a row refused before that has Partition.Any.
            return DeliveryOutcome.Failed(ex.Error, ex.DeliveryResult?.Partition ?? Partition.Any) with { Alone = probe };
        }
    }
}
