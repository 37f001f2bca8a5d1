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
    /// <param name="db">The service's context; the row is saved by its next SaveChanges.</param>
    /// <param name="topic">Destination topic.</param>
    /// <param name="key">The client id.</param>
    /// <param name="message">The event.</param>
    /// <param name="now">The time of writing (also the UUID v7 time of the event id).</param>
    /// <param name="occurredAt">When the fact happened; <paramref name="now"/> by default.</param>
    /// <param name="schemaVersion">The payload's schema version.</param>
    /// <param name="trace">
    /// The trace the event belongs to; by default the current activity's. Code that works for
    /// many requests at once (group commit) passes each request's own context.
    /// </param>
    /// <returns>The envelope, whose event id identifies the event downstream.</returns>
    public static EventEnvelope AddOutboxEvent(this DbContext db, string topic, string key, IMessage message,
        DateTimeOffset now, DateTimeOffset? occurredAt = null, int schemaVersion = 1, ActivityContext? trace = null)
    {
        var envelope = EventEnvelope.Create(key, message, now, occurredAt, schemaVersion);
        db.Set<OutboxMessage>().Add(ToRow(topic, envelope, now, trace ?? Activity.Current?.Context));
        return envelope;
    }

    internal static OutboxMessage ToRow(string topic, EventEnvelope envelope, DateTimeOffset now, ActivityContext? trace)
    {
        return new OutboxMessage
        {
            EventId = envelope.EventId,
            Topic = topic,
            MessageKey = envelope.Key,
            EventType = envelope.EventType,
            SchemaVersion = envelope.SchemaVersion,
            OccurredAt = envelope.OccurredAt,
            Payload = envelope.Payload,
            TraceParent = trace is { } context && context != default ? ToTraceParent(context) : null,
            TraceState = trace?.TraceState,
            CreatedAt = now,
        };
    }

    private static string ToTraceParent(ActivityContext context) =>
        $"00-{context.TraceId.ToHexString()}-{context.SpanId.ToHexString()}-{((context.TraceFlags & ActivityTraceFlags.Recorded) != 0 ? "01" : "00")}";
}
