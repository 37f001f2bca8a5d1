using Confluent.Kafka;

namespace Platform.Bench.Common.Delivery;

/// <summary>
/// The low and high watermarks of every partition of a topic. The high watermarks count what
/// was ever appended even after DevBroker's size-based retention dropped the oldest records, so
/// the difference of two snapshots is the number of records produced in between.
/// </summary>
public sealed record TopicOffsets(string Topic, IReadOnlyList<(long Low, long High)> Partitions)
{
    public static TopicOffsets Read(string bootstrapServers, string topic, int partitions)
    {
        using var consumer = Consumer(bootstrapServers);
        return new TopicOffsets(topic, [.. Enumerable.Range(0, partitions).Select(p =>
        {
            var watermarks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10));
            return (watermarks.Low.Value, watermarks.High.Value);
        })]);
    }

    public long ProducedSince(TopicOffsets before) => Partitions.Select((p, i) => p.High - before.Partitions[i].High).Sum();

    /// <summary>Records produced since <paramref name="before"/> that retention has already dropped.</summary>
    public long DroppedSince(TopicOffsets before) =>
        Partitions.Select((p, i) => Math.Max(0, Math.Min(p.Low, p.High) - before.Partitions[i].High)).Sum();

    public static IConsumer<string?, byte[]?> Consumer(string bootstrapServers) => new ConsumerBuilder<string?, byte[]?>(new ConsumerConfig
    {
        BootstrapServers = bootstrapServers,
        GroupId = "bench-reader",   // never joined or committed: partitions are assigned by hand
        EnableAutoCommit = false,
        EnablePartitionEof = true,
    }).Build();
}
