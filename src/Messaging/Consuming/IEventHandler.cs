using Google.Protobuf;

namespace Platform.Messaging.Consuming;

/// <summary>
/// Handles one event type. Resolved from a fresh DI scope per message, it shares that scope's
/// DbContext with the consumer host: its changes, the inbox row and any outbox events it adds
/// commit in one transaction, after which the offset is stored. Throwing makes the host retry
/// with backoff and, after the configured attempts, dead-letter the message.
/// </summary>
/// <typeparam name="TEvent">The protobuf message.</typeparam>
public interface IEventHandler<in TEvent> where TEvent : IMessage
{
    /// <summary>Applies the event. Do not call SaveChanges or commit: the host does, once, after the inbox check.</summary>
    Task HandleAsync(TEvent message, EventContext context, CancellationToken cancellationToken);
}

/// <summary>Where a consumed event came from.</summary>
/// <param name="EventId">The envelope's event id.</param>
/// <param name="EventType">The protobuf message name.</param>
/// <param name="Key">The client id.</param>
/// <param name="OccurredAt">When the fact happened.</param>
/// <param name="Topic">Source topic.</param>
/// <param name="Partition">Source partition.</param>
/// <param name="Offset">Source offset.</param>
/// <param name="Attempt">1 for the first attempt, 2 after one failure, and so on.</param>
public sealed record EventContext(
    Guid EventId, string EventType, string Key, DateTimeOffset OccurredAt, string Topic, int Partition, long Offset, int Attempt);
