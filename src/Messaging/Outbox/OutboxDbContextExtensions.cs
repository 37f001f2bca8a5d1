using System.Diagnostics;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Envelope;
using Platform.Messaging.Outbox;

namespace Platform.Messaging;

/// <summary>Writes events into the outbox of the context's database, as part of the caller's unit of work.</summary>
public static class OutboxDbContextExtensions
{
    /// <summary>
    /// Adds <paramref name="message"/> to the outbox; it is saved by the caller's next
    /// <c>SaveChanges</c>, in the caller's transaction, and published by the relay after commit.
    /// </summary>
    /// <returns>The envelope, whose event id identifies the event downstream.</returns>
    public static EventEnvelope AddOutboxEvent(this DbContext db, string topic, string key, IMessage message,
        DateTimeOffset now, DateTimeOffset? occurredAt = null, int schemaVersion = 1)
    {
        var envelope = EventEnvelope.Create(key, message, now, occurredAt, schemaVersion);
        db.Set<OutboxMessage>().Add(ToRow(topic, envelope, now));
        return envelope;
    }

    internal static OutboxMessage ToRow(string topic, EventEnvelope envelope, DateTimeOffset now)
    {
        var activity = Activity.Current;
        return new OutboxMessage
        {
            EventId = envelope.EventId,
            Topic = topic,
            MessageKey = envelope.Key,
            EventType = envelope.EventType,
            SchemaVersion = envelope.SchemaVersion,
            OccurredAt = envelope.OccurredAt,
            Payload = envelope.Payload,
            TraceParent = activity?.IdFormat == ActivityIdFormat.W3C ? activity.Id : null,
            TraceState = activity?.TraceStateString,
            CreatedAt = now,
        };
    }
}
