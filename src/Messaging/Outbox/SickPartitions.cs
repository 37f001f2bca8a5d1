using Confluent.Kafka;

namespace Platform.Messaging.Outbox;

/// <summary>
/// The partitions (topic, partition) that failed to take rows with a transport failure (a partition without a leader, a
/// broker down) and took none, so that rounds between the retries of held streams do not produce a new client's first
/// row there: it would cost the round a delivery timeout, and then be held anyway. Such a row is held unproduced
/// (<see cref="DeliveryOutcome.Deferred(string)"/>) and goes with the held streams' heads in the next retry round, which produces
/// every row it claims and so probes the partition again.
/// </summary>
/// <remarks>
/// A row's partition is predicted (<see cref="KeyPartitioner"/>) from the topic's partition count, read from the
/// cluster's metadata when the topic first has a sick partition. Memory only, like <see cref="HeldStreams"/>; a wrong
/// prediction either holds a healthy partition's row until the next retry round or produces a sick partition's row as
/// before: neither counts an attempt nor changes any order.
/// </remarks>
internal sealed class SickPartitions(bool enabled)
{
    /// <summary>Why a row is held unproduced (<c>last_error</c>).</summary>
    public const string Reason = "Held unproduced: its partition took no rows in an earlier round";

    private readonly Dictionary<string, (int Partitions, HashSet<int> Sick)> topics = new(StringComparer.Ordinal);

    /// <summary>Whether the row goes to a partition known sick.</summary>
    public bool Holds(OutboxMessage row) =>
        topics.TryGetValue(row.Topic, out var topic) && KeyPartitioner.PartitionOf(row.MessageKey, topic.Partitions) is { } partition
        && topic.Sick.Contains(partition);

    /// <summary>Records a round: whether it retried the held streams (a probe: every row claimed was produced), what it claimed and how each row went.</summary>
    public void After(bool retried, IReadOnlyList<OutboxMessage> rows, IReadOnlyList<DeliveryOutcome> outcomes, Func<string, int?> partitionCount)
    {
        if (!enabled)
        {
            return;
        }

        if (retried)
        {
            // What a probe round shows replaces what was known.
            topics.Clear();
        }

        var took = new HashSet<(string, int)>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (outcomes[i].Status == DeliveryStatus.Delivered)
            {
                took.Add((rows[i].Topic, outcomes[i].Partition.Value));
                Heal(rows[i].Topic, outcomes[i].Partition.Value);
            }
        }

        var unknown = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var (row, outcome) = (rows[i], outcomes[i]);
            if (outcome.Status != DeliveryStatus.Failed || FailureKinds.Of(outcome.Code) != FailureKind.Transport || unknown.Contains(row.Topic))
            {
                continue;
            }

            if (!topics.TryGetValue(row.Topic, out var topic))
            {
                if (partitionCount(row.Topic) is not { } partitions)
                {
                    unknown.Add(row.Topic);
                    continue;
                }

                topics[row.Topic] = topic = (partitions, []);
            }

            var partition = outcome.Partition != Partition.Any ? outcome.Partition.Value : KeyPartitioner.PartitionOf(row.MessageKey, topic.Partitions);
            if (partition is { } sick && !took.Contains((row.Topic, sick)))
            {
                topic.Sick.Add(sick);
            }
        }

        foreach (var name in topics.Where(t => t.Value.Sick.Count == 0).Select(t => t.Key).ToList())
        {
            topics.Remove(name);
        }
    }

    /// <summary>Forgets every sick partition, as a restart would.</summary>
    public void Forget() => topics.Clear();

    private void Heal(string topic, int partition)
    {
        if (topics.TryGetValue(topic, out var known))
        {
            known.Sick.Remove(partition);
        }
    }
}
