using Confluent.Kafka;

namespace Platform.Messaging.Outbox;

/// <summary>
/// Decides, from a round's delivery outcomes, which rows leave the outbox, which count an attempt
/// and which are parked. Per (topic, key) only the first failed row of the round is judged: the
/// stream's later rows failed or were held because of it, and wait behind it with no attempt
/// counted, so the stream resumes in full once its head is delivered. A verdict of Kafka's counts
/// only on a row whose outcome is its own (<see cref="DeliveryOutcome.Alone"/>); one on a row that
/// shared its batch holds the row uncounted until a retry round produces it alone.
/// </summary>
internal sealed class RoundSettlement
{
    private RoundSettlement(IReadOnlyList<OutboxMessage> rows, IReadOnlyList<DeliveryOutcome> outcomes, List<long> delivered, List<RowFailure> failures,
        List<OutboxMessage> overtaking, List<TopicOutage> topicOutages)
    {
        Rows = rows;
        Outcomes = outcomes;
        Delivered = delivered;
        Failures = failures;
        Overtaking = overtaking;
        TopicOutages = topicOutages;
    }

    /// <summary>The round's rows, as claimed.</summary>
    public IReadOnlyList<OutboxMessage> Rows { get; }

    /// <summary>What became of each row, in the rows' order.</summary>
    public IReadOnlyList<DeliveryOutcome> Outcomes { get; }

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

    /// <summary>
    /// Topics that refused their every row of the round with a verdict on the topic (<see cref="FailureKind.Topic"/>) and
    /// took none: a fault of the topic, not of its rows, so nothing counted; their streams are held like a sick partition's.
    /// </summary>
    public IReadOnlyList<TopicOutage> TopicOutages { get; }

    /// <summary>Nothing was delivered and no failure counted: Kafka is away, the whole round waits and retries.</summary>
    public bool IsOutage => Delivered.Count == 0 && Failures.Any(f => f.Produced) && Failures.All(f => !f.Counted);

    /// <summary>
    /// Whether a (topic, key) still waits behind a failed row that is not parked: in the database when the failure
    /// counted, in the relay's <see cref="HeldStreams"/> when it did not.
    /// </summary>
    public bool LeavesFailingRows => Failures.Any(f => !f.Park);

    public static RoundSettlement Of(IReadOnlyList<OutboxMessage> rows, IReadOnlyList<DeliveryOutcome> outcomes, int maxAttempts)
    {
        var deliveredTo = new HashSet<(string Topic, int Partition)>();
        var topicsTookRows = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            if (outcomes[i].Status == DeliveryStatus.Delivered)
            {
                deliveredTo.Add((rows[i].Topic, outcomes[i].Partition.Value));
                topicsTookRows.Add(rows[i].Topic);
            }
        }

        var failedStreams = new HashSet<(string, string)>();
        var failedPartitions = new HashSet<(string Topic, int Partition)>();
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
                // Rows go to a partition in the round's order, and the gapless producer fails every row behind a refused
                // one with the refusal's own code (and no partition in the report): only the first failure of a partition,
                // or of the topic's rows reported without one, may say something about its row. A row produced alone
                // (the probe producer is not gapless) or refused before it left stands behind nothing.
                var behindAnother = outcome is { Status: DeliveryStatus.Failed, Alone: false } && !failedPartitions.Add((row.Topic, outcome.Partition.Value));
                failures.Add(Judge(row, outcome, partitionTookOthers, topicsTookRows.Contains(row.Topic), behindAnother, maxAttempts));
            }
        }

        return new RoundSettlement(rows, outcomes, delivered, failures, overtaking, TopicOutagesOf(rows, outcomes, topicsTookRows));
    }

    private static RowFailure Judge(OutboxMessage row, DeliveryOutcome outcome, bool partitionTookOthers, bool topicTookOthers,
        bool behindAnother, int maxAttempts)
    {
        var error = outcome.Reason ?? outcome.Status.ToString();
        // Any failure behind another on its partition is collateral, a permanent one included: the gapless producer
        // fails the rows behind a refused one with the refusal's code, whatever they hold.
        var kind = behindAnother ? FailureKind.Collateral : FailureKinds.Of(outcome.Code);
        // Kafka refuses a partition's batch as a whole, and librdkafka reports the refusal on each of its rows: a verdict
        // counts only on a row produced alone (in a retry round) or refused before it left, so that it is about the row.
        // A failure that may be about Kafka rather than the row counts only when the same place took other rows in the
        // round: a timeout or transport error when the row's partition did (with one partition leaderless or one broker
        // down the others keep flowing, and counting would park every client waiting on the sick one), a verdict on the
        // topic when the topic did (an ACL gone wrong or a topic deleted refuses every row, and would park them all).
        var counted = outcome.Status == DeliveryStatus.Failed && kind switch
        {
            FailureKind.Permanent or FailureKind.RowSpecific => outcome.Alone,
            FailureKind.Topic => outcome.Alone && topicTookOthers,
            FailureKind.Transport => partitionTookOthers,
            _ => false,
        };
        var park = counted && (kind == FailureKind.Permanent || row.Attempts + 1 >= maxAttempts);
        // The only row judged without a failure of its own is a deferred one (a held row follows its stream's failure).
        return new RowFailure(row, error, counted, park, Produced: outcome.Status == DeliveryStatus.Failed);
    }

    private static List<TopicOutage> TopicOutagesOf(IReadOnlyList<OutboxMessage> rows, IReadOnlyList<DeliveryOutcome> outcomes,
        HashSet<string> topicsTookRows) =>
    [
        .. rows.Select((row, i) => (row.Topic, Outcome: outcomes[i]))
            .Where(r => !topicsTookRows.Contains(r.Topic) && r.Outcome.Status == DeliveryStatus.Failed && FailureKinds.Of(r.Outcome.Code) == FailureKind.Topic)
            .DistinctBy(r => r.Topic)
            .Select(r => new TopicOutage(r.Topic, rows.Count(o => o.Topic == r.Topic), r.Outcome.Reason ?? r.Outcome.Code.ToString())),
    ];
}
