using System.Text;
using Confluent.Kafka;

namespace Platform.Bench.Common.Delivery;

/// <summary>Reads the records between two offset snapshots and counts them by event type, for one run's clients only.</summary>
public static class EventCounter
{
    private const string EventTypeHeader = "event-type";

    public static IReadOnlyDictionary<string, long> Count(string bootstrapServers, TopicOffsets before, TopicOffsets after, string keyPrefix,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var consumer = TopicOffsets.Consumer(bootstrapServers);
        var remaining = new HashSet<int>();
        var assignment = new List<TopicPartitionOffset>();
        for (var p = 0; p < after.Partitions.Count; p++)
        {
            var from = Math.Max(before.Partitions[p].High, after.Partitions[p].Low);   // what retention dropped cannot be read
            if (from < after.Partitions[p].High)
            {
                assignment.Add(new TopicPartitionOffset(after.Topic, p, from));
                remaining.Add(p);
            }
        }

        consumer.Assign(assignment);
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow + timeout;
        while (remaining.Count > 0 && DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not { } result)
            {
                continue;
            }

            var partition = result.Partition.Value;
            if (!result.IsPartitionEOF && result.Message.Key?.StartsWith(keyPrefix, StringComparison.Ordinal) == true)
            {
                var type = result.Message.Headers.TryGetLastBytes(EventTypeHeader, out var bytes) ? Encoding.UTF8.GetString(bytes) : "(no event-type)";
                counts[type] = counts.GetValueOrDefault(type) + 1;
            }

            if (result.IsPartitionEOF || result.Offset.Value + 1 >= after.Partitions[partition].High)
            {
                remaining.Remove(partition);
            }
        }

        return counts;
    }
}
