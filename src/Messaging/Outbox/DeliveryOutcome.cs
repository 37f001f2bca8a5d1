using Confluent.Kafka;

namespace Platform.Messaging.Outbox;

/// <summary>What became of one claimed row in a relay round.</summary>
/// <param name="Status">Delivered, failed, or held back unproduced.</param>
/// <param name="Partition">
/// The partition the producer put the row on; <see cref="Partition.Any"/> when it failed before being partitioned
/// (an unknown topic, a full local queue) or was held back.
/// </param>
/// <param name="Code">The Kafka error of a failed row.</param>
/// <param name="Reason">The error's text, for <c>last_error</c> and the logs.</param>
/// <param name="Alone">
/// The outcome is about this row alone: it was produced as the only row of its partition's batch (the relay's probe
/// producer), or it failed before it left (a local error). Kafka refuses a batch as a whole and librdkafka reports
/// the refusal on each of its rows, so a refusal of a row that shared its batch may be about another row.
/// </param>
internal readonly record struct DeliveryOutcome(DeliveryStatus Status, Partition Partition, ErrorCode Code = ErrorCode.NoError, string? Reason = null,
    bool Alone = false)
{
    /// <summary>Not produced: an earlier row of its (topic, key) failed before it was handed to the producer, or was deferred.</summary>
    public static DeliveryOutcome Held { get; } = new(DeliveryStatus.Held, Partition.Any);

    /// <summary>
    /// Not produced: the row goes to a partition known sick (<see cref="SickPartitions"/>) or a topic known out
    /// (<see cref="TopicsOut"/>), as <paramref name="reason"/> says; held until the next retry round.
    /// </summary>
    public static DeliveryOutcome Deferred(string reason) => new(DeliveryStatus.Held, Partition.Any, Reason: reason);

    public static DeliveryOutcome Delivered(Partition partition) => new(DeliveryStatus.Delivered, partition);

    public static DeliveryOutcome Failed(Error error, Partition partition) => new(DeliveryStatus.Failed, partition, error.Code, $"{error.Code}: {error.Reason}");
}

/// <summary>See <see cref="DeliveryOutcome"/>.</summary>
internal enum DeliveryStatus
{
    Delivered,
    Failed,
    Held,
}
