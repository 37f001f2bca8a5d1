namespace Platform.Messaging.Envelope;

/// <summary>The Kafka headers every platform message carries. The key is the client id; the value is the protobuf message.</summary>
public static class EnvelopeHeaders
{
    /// <summary>UUID v7 of the event; the idempotency key of every consumer.</summary>
    public const string EventId = "event-id";

    /// <summary>The protobuf message name, e.g. <c>StepRecorded</c>. Stable across renames of CLR types.</summary>
    public const string EventType = "event-type";

    /// <summary>Schema version of the payload, an integer.</summary>
    public const string SchemaVersion = "schema-version";

    /// <summary>When the fact happened, ISO 8601 UTC.</summary>
    public const string OccurredAt = "occurred-at";

    /// <summary>W3C trace context of the publisher.</summary>
    public const string TraceParent = "traceparent";

    /// <summary>W3C trace state of the publisher, when there is one.</summary>
    public const string TraceState = "tracestate";

    /// <summary>On dead-lettered messages: the error type of the last failure.</summary>
    public const string DeadLetterErrorType = "dlq-error-type";

    /// <summary>On dead-lettered messages: the error message of the last failure (never payload data).</summary>
    public const string DeadLetterError = "dlq-error";

    /// <summary>On dead-lettered messages: how many attempts were made.</summary>
    public const string DeadLetterAttempts = "dlq-attempts";

    /// <summary>On dead-lettered messages: topic, partition and offset of the original, as <c>topic/partition/offset</c>.</summary>
    public const string DeadLetterSource = "dlq-source";

    /// <summary>On dead-lettered messages: the consumer group that gave up.</summary>
    public const string DeadLetterConsumer = "dlq-consumer";
}
