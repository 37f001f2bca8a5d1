namespace Platform.Messaging.Outbox;

/// <summary>
/// An event waiting in the service's database to be published. It is written in the same
/// transaction as the state change it describes, so the two commit or roll back together.
/// The relay deletes it once Kafka acknowledged it.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Monotonic id: the relay publishes in this order.</summary>
    public long Id { get; set; }

    /// <summary>The event id (UUID v7).</summary>
    public Guid EventId { get; set; }

    /// <summary>Destination topic.</summary>
    public required string Topic { get; set; }

    /// <summary>Message key: the client id.</summary>
    public required string MessageKey { get; set; }

    /// <summary>The protobuf message name.</summary>
    public required string EventType { get; set; }

    /// <summary>Payload schema version.</summary>
    public int SchemaVersion { get; set; }

    /// <summary>When the fact happened.</summary>
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>Protobuf bytes.</summary>
    public required byte[] Payload { get; set; }

    /// <summary>Trace context of the transaction that wrote the event, so that publish joins its trace.</summary>
    public string? TraceParent { get; set; }

    /// <summary>W3C trace state, when present.</summary>
    public string? TraceState { get; set; }

    /// <summary>When the row was written.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Failed delivery attempts so far.</summary>
    public int Attempts { get; set; }

    /// <summary>The last delivery error, for operators.</summary>
    public string? LastError { get; set; }

    /// <summary>
    /// When the relay gave up on the row (a permanent error, or <see cref="OutboxOptions.MaxAttempts"/>
    /// failed attempts); null while it is still being published. A parked row stays where it is, so
    /// that its client's later events on its topic wait behind it until an operator releases or
    /// deletes it (see the Messaging README).
    /// </summary>
    public DateTimeOffset? ParkedAt { get; set; }
}

/// <summary>Marks an event id as handled by one consumer group, in the same transaction as the handler's changes.</summary>
public sealed class InboxMessage
{
    /// <summary>The consumer group.</summary>
    public required string Consumer { get; set; }

    /// <summary>The handled event id.</summary>
    public Guid EventId { get; set; }

    /// <summary>When it was handled.</summary>
    public DateTimeOffset HandledAt { get; set; }
}
