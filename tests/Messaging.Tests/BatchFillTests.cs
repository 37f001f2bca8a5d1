using Confluent.Kafka;
using Platform.Messaging.Consuming;

namespace Platform.Messaging.Tests;

/// <summary>
/// Filling a batch across a rebalance. Confluent's client runs rebalances inside Consume, so a fill is driven here by a script
/// of what each Consume returns and which partitions it revoked: DevBroker cannot be made to revoke and give back a partition
/// between two polls of the same fill.
/// </summary>
public sealed class BatchFillTests
{
    private static readonly TopicPartition P = new("t", 0);
    private static readonly TopicPartition Q = new("t", 1);

    [Fact]
    public void MessagesFetchedBeforeTheirPartitionWasRevokedAreDroppedEvenWhenItCameBack()
    {
        // P:10..11 fetched, then P revoked and given back (another member had committed P at 20 meanwhile), then P:20.
        var batch = Fill(first: At(P, 10), [(At(P, 11), []), (At(Q, 5), []), (At(P, 20), [P])], assigned: [P, Q]);

        // Handling P:10..11 would store P at 12, below the 20 the group had committed: it would move the group backwards.
        Assert.Equal([At(Q, 5).TopicPartitionOffset, At(P, 20).TopicPartitionOffset], batch.Select(r => r.TopicPartitionOffset));
    }

    [Fact]
    public void MessagesOfAPartitionRevokedByTheLastConsumeAreDropped()
    {
        var batch = Fill(first: At(P, 10), [(At(Q, 5), []), (null, [P])], assigned: [P, Q]);

        Assert.Equal([At(Q, 5).TopicPartitionOffset], batch.Select(r => r.TopicPartitionOffset));
    }

    [Fact]
    public void MessagesOfAPartitionNoLongerAssignedAreDroppedAndTheFillStopsAtMaxBatch()
    {
        var batch = Fill(first: At(P, 10), [(At(Q, 5), []), (At(Q, 6), []), (At(Q, 7), [])], assigned: [Q], max: 3);

        Assert.Equal([At(Q, 5).TopicPartitionOffset, At(Q, 6).TopicPartitionOffset], batch.Select(r => r.TopicPartitionOffset));
    }

    private static List<ConsumeResult<string, byte[]>> Fill(
        ConsumeResult<string, byte[]> first,
        List<(ConsumeResult<string, byte[]>? Result, TopicPartition[] RevokedBefore)> script,
        TopicPartition[] assigned,
        int max = 100)
    {
        var step = 0;
        var revoked = new List<TopicPartition> { Q }; // revoked before the poll that returned first: nothing to drop
        return BatchFill.Fill(first, max,
            () =>
            {
                if (step == script.Count)
                {
                    return null;
                }

                var (result, revokedBefore) = script[step++];
                revoked.AddRange(revokedBefore);
                return result;
            },
            () =>
            {
                var taken = revoked.ToList();
                revoked.Clear();
                return taken;
            },
            () => assigned);
    }

    private static ConsumeResult<string, byte[]> At(TopicPartition partition, long offset) =>
        new() { TopicPartitionOffset = new TopicPartitionOffset(partition, offset), Message = new Message<string, byte[]> { Key = "k", Value = [] } };
}
