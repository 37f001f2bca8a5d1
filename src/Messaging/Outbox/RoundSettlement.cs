using Confluent.Kafka;

namespace Platform.Messaging.Outbox;

/// <summary>
/// Decides, from a round's delivery outcomes, which rows leave the outbox, which count an attempt
/// and which are parked. Per (topic, key) only the first failed row of the round is judged: the
/// stream's later rows failed or were held because of it, and wait behind it with no attempt
/// counted, so the stream resumes in full once its head is delivered.
/// </summary>
internal sealed class RoundSettlement
{
    private RoundSettlement(List<long> delivered, List<RowFailure> failures, List<OutboxMessage> overtaking)
    {
        Delivered = delivered;
        Failures = failures;
        Overtaking = overtaking;
    }

    /// <summary>Ids of the delivered rows: deleted.</summary>
    public IReadOnlyList<long> Delivered { get; }

    /// <summary>The first failed row of each (topic, key) that failed.</summary>
    public IReadOnlyList<RowFailure> Failures { get; }

    /// <summary>
    /// Rows delivered although an earlier row of their (topic, key) failed in the same round: the
    /// order was lost (possible only when the earlier row timed out; see the README). Deleted all
    /// the same (Kafka has them), and logged.
    /// </summary>
    public IReadOnlyList<OutboxMessage> Overtaking { get; }

    /// <summary>Nothing was delivered and no failure counted: Kafka is away, the whole round waits and retries.</summary>
    public bool IsOutage => Delivered.Count == 0 && Failures.Count > 0 && Failures.All(f => !f.Counted);

    /// <summary>
    /// Whether a (topic, key) still waits behind a failed row that is not parked: in the database when the failure
    /// counted, in the relay's <see cref="HeldStreams"/> when it did not.
    /// </summary>
    public bool LeavesFailingRows => Failures.Any(f => !f.Park);

    public static RoundSettlement Of(IReadOnlyList<OutboxMessage> rows, IReadOnlyList<DeliveryOutcome> outcomes, int maxAttempts)
    {
        var deliveredTo = new HashSet<(string Topic, int Partition)>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (outcomes[i].Status == DeliveryStatus.Delivered)
            {
                deliveredTo.Add((rows[i].Topic, outcomes[i].Partition.Value));
            }
        }

        var failedStreams = new HashSet<(string, string)>();
        List<long> delivered = [];
        List<RowFailure> failures = [];
        List<OutboxMessage> overtaking = [];
        for (var i = 0; i < rows.Count; i++)
        {
            var (row, outcome) = (rows[i], outcomes[i]);
            var stream = (row.Topic, row.MessageKey);
            if (outcome.Status == DeliveryStatus.Delivered)
            {
                delivered.Add(row.Id);
                if (failedStreams.Contains(stream))
                {
                    overtaking.Add(row);
                }
            }
            else if (failedStreams.Add(stream))
            {
                var partitionTookOthers = outcome.Partition != Partition.Any && deliveredTo.Contains((row.Topic, outcome.Partition.Value));
                failures.Add(Judge(row, outcome, partitionTookOthers, maxAttempts));
            }
        }

        return new RoundSettlement(delivered, failures, overtaking);
    }

    private static RowFailure Judge(OutboxMessage row, DeliveryOutcome outcome, bool partitionTookOthers, int maxAttempts)
    {
        var error = outcome.Reason ?? outcome.Status.ToString();
        var kind = FailureKinds.Of(outcome.Code);
        // A timeout or transport error says something about the row only when the row's own partition took other rows
        // in the round. Rows delivered elsewhere say nothing: with one partition leaderless or one broker down, the
        // other partitions keep flowing, and counting would park every client waiting on the sick partition.
        var counted = outcome.Status == DeliveryStatus.Failed
            && (kind is FailureKind.Permanent or FailureKind.RowSpecific || (kind == FailureKind.Transport && partitionTookOthers));
        var park = kind == FailureKind.Permanent || (counted && row.Attempts + 1 >= maxAttempts);
        return new RowFailure(row, error, counted, park);
    }
}
