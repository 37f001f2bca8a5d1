using Confluent.Kafka;

namespace Platform.Messaging.Consuming;

/// <summary>
/// Fills a batch with what the client already fetched. A rebalance runs inside Consume, so one may take partitions away
/// while the batch fills, and give some back in the same fill: a message fetched before its partition was revoked is
/// dropped even when the partition came back. Its new owner, or this consumer after the re-assignment, fetches it again
/// from the committed offset; handling it here would store an offset that may be below what another member committed
/// meanwhile, moving the group's offset backwards.
/// </summary>
internal static class BatchFill
{
    /// <param name="first">The message the poll returned.</param>
    /// <param name="max">The most messages to return.</param>
    /// <param name="next">Consume without waiting: null when nothing more is fetched.</param>
    /// <param name="takeRevoked">The partitions revoked since it was last called (each call empties it).</param>
    /// <param name="assigned">The consumer's assignment now.</param>
    public static List<ConsumeResult<string, byte[]>> Fill(
        ConsumeResult<string, byte[]> first,
        int max,
        Func<ConsumeResult<string, byte[]>?> next,
        Func<IReadOnlyCollection<TopicPartition>> takeRevoked,
        Func<IEnumerable<TopicPartition>> assigned)
    {
        takeRevoked(); // revoked before the poll returned first: nothing of theirs is in the batch
        var batch = new List<ConsumeResult<string, byte[]>> { first };
        while (batch.Count < max && next() is { } result)
        {
            DropRevoked(batch, takeRevoked());
            if (!result.IsPartitionEOF)
            {
                batch.Add(result);
            }
        }

        DropRevoked(batch, takeRevoked());
        var assignment = assigned().ToHashSet();
        batch.RemoveAll(r => !assignment.Contains(r.TopicPartition));
        return batch;
    }

    private static void DropRevoked(List<ConsumeResult<string, byte[]>> batch, IReadOnlyCollection<TopicPartition> revoked)
    {
        if (revoked.Count > 0)
        {
            batch.RemoveAll(r => revoked.Contains(r.TopicPartition));
        }
    }
}
