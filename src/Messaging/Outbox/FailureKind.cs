using Confluent.Kafka;

namespace Platform.Messaging.Outbox;

/// <summary>How the relay treats a failed delivery: what it says about the row rather than about Kafka.</summary>
internal enum FailureKind
{
    /// <summary>The row can never be delivered as it is (too large, invalid): parked at once.</summary>
    Permanent,

    /// <summary>Kafka refused this row (unknown topic, authorization, ...): an attempt that counts toward parking.</summary>
    RowSpecific,

    /// <summary>Kafka was unreachable or slow: counts only when other rows of the same round were delivered.</summary>
    Transport,

    /// <summary>Failed because of another row's failure (the producer stopped): never counts.</summary>
    Collateral,
}

/// <summary>Sorts Kafka errors into <see cref="FailureKind"/>s.</summary>
internal static class FailureKinds
{
    public static FailureKind Of(ErrorCode code) => code switch
    {
        ErrorCode.MsgSizeTooLarge or ErrorCode.InvalidMsgSize or ErrorCode.RecordListTooLarge
            or ErrorCode.InvalidRecord or ErrorCode.InvalidMsg or ErrorCode.Local_BadMsg => FailureKind.Permanent,
        ErrorCode.Local_Fatal or ErrorCode.Local_PurgeQueue or ErrorCode.Local_PurgeInflight or ErrorCode.Local_Destroy
            or ErrorCode.Local_GaplessGuarantee or ErrorCode.OutOfOrderSequenceNumber => FailureKind.Collateral,
        ErrorCode.Local_MsgTimedOut or ErrorCode.Local_TimedOut or ErrorCode.Local_Transport or ErrorCode.Local_AllBrokersDown
            or ErrorCode.RequestTimedOut or ErrorCode.NetworkException or ErrorCode.LeaderNotAvailable
            or ErrorCode.NotLeaderForPartition or ErrorCode.NotEnoughReplicas or ErrorCode.NotEnoughReplicasAfterAppend
            or ErrorCode.Local_QueueFull => FailureKind.Transport,
        _ => FailureKind.RowSpecific,
    };
}
