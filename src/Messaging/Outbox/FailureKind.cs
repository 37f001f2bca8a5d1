using Confluent.Kafka;

namespace Platform.Messaging.Outbox;

/// <summary>How the relay treats a failed delivery: what it says about the row rather than about Kafka.</summary>
internal enum FailureKind
{
    /// <summary>The row can never be delivered as it is (too large, invalid): parked at once.</summary>
    Permanent,

    /// <summary>
    /// Kafka's verdict on the row's topic or on a record of it (unknown topic, authorization, policy, timestamp limit):
    /// counts only when another row of the same topic was delivered in the round. When the topic took nothing, the
    /// verdict is on the topic (an ACL gone wrong, a topic deleted, a policy): a topic outage, which parks nothing.
    /// </summary>
    Topic,

    /// <summary>Kafka's verdict on this record alone (corrupted on the way): an attempt that counts toward parking.</summary>
    RowSpecific,

    /// <summary>
    /// Says something about Kafka, not the row (unreachable, slow, a partition without a leader, a broker's disk,
    /// throttling, cluster-wide settings): counts only when another row of the same topic-partition was delivered in
    /// the round, so a sick partition or broker never parks the rows waiting for it.
    /// </summary>
    Transport,

    /// <summary>Failed because of another row's failure or the producer's own state (the producer stopped): never counts.</summary>
    Collateral,
}

/// <summary>Sorts Kafka errors into <see cref="FailureKind"/>s.</summary>
/// <remarks>
/// Only verdicts on the row are listed; every other code is <see cref="FailureKind.Transport"/>. A code missing from
/// the lists then costs a retry with backoff (and parks nothing during an outage), where the opposite default would
/// park good events for a broker-side fault nobody listed (BrokerNotAvailable, KafkaStorageError, NotController,
/// ThrottlingQuotaExceeded, ...). librdkafka retries the retriable broker errors itself and reports them, once the
/// delivery timeout is spent, as <see cref="ErrorCode.Local_MsgTimedOut"/>; the codes below are the ones it reports as
/// they are.
/// </remarks>
internal static class FailureKinds
{
    public static FailureKind Of(ErrorCode code) => code switch
    {
        // The record itself: too large for the broker or the topic, refused by the broker's validation (a
        // compacted topic and a null key, a bad timestamp type), or rejected by librdkafka before it left.
        ErrorCode.MsgSizeTooLarge or ErrorCode.InvalidMsgSize or ErrorCode.RecordListTooLarge or ErrorCode.InvalidRecord
            or ErrorCode.Local_BadMsg or ErrorCode.Local_KeySerialization or ErrorCode.Local_ValueSerialization => FailureKind.Permanent,

        // The broker's verdict on the row's topic, or on a record of it, that an operator can fix (create the topic,
        // grant the ACL, relax the policy or the timestamp limit): counted, parked after MaxAttempts, but only while
        // the topic takes other rows; refusing every row, it is a fault of the topic (RoundSettlement). UnknownTopicOrPart
        // reaches a delivery report only after topic.metadata.propagation.max.ms (the relay sets half the delivery
        // timeout); librdkafka retries it before.
        ErrorCode.UnknownTopicOrPart or ErrorCode.Local_UnknownTopic or ErrorCode.Local_UnknownPartition
            or ErrorCode.TopicAuthorizationFailed or ErrorCode.TopicException or ErrorCode.PolicyViolation
            or ErrorCode.InvalidTimestamp or ErrorCode.UnsupportedForMessageFormat => FailureKind.Topic,

        // Kafka's CORRUPT_MESSAGE: a corruption on the way is cured by a retry, so it is counted, not parked at once.
        ErrorCode.InvalidMsg => FailureKind.RowSpecific,

        // Another row's failure, or the producer's own state, stopped this one; the relay replaces a fatal producer.
        ErrorCode.Local_Fatal or ErrorCode.Local_PurgeQueue or ErrorCode.Local_PurgeInflight or ErrorCode.Local_Destroy
            or ErrorCode.Local_GaplessGuarantee or ErrorCode.OutOfOrderSequenceNumber or ErrorCode.Local_InvalidDifferentRecord
            or ErrorCode.UnknownProducerId or ErrorCode.InvalidProducerEpoch or ErrorCode.ProducerFenced => FailureKind.Collateral,

        // Timeouts, connections, leaders, replicas, disks, throttling, cluster settings, and any code added later.
        _ => FailureKind.Transport,
    };
}
