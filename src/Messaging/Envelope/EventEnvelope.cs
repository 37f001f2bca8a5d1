using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Google.Protobuf;

namespace Platform.Messaging.Envelope;

/// <summary>One event as it travels: identity, type, time, key and the serialized protobuf payload.</summary>
/// <param name="EventId">UUID v7, unique per event; consumers deduplicate on it.</param>
/// <param name="EventType">The protobuf message name.</param>
/// <param name="SchemaVersion">The payload's schema version.</param>
/// <param name="OccurredAt">When the fact happened.</param>
/// <param name="Key">The partitioning key: the client id.</param>
/// <param name="Payload">The protobuf bytes.</param>
public sealed record EventEnvelope(
    Guid EventId, string EventType, int SchemaVersion, DateTimeOffset OccurredAt, string Key, byte[] Payload)
{
    /// <summary>Creates an envelope for <paramref name="message"/> with a new UUID v7 taken from <paramref name="now"/>.</summary>
    public static EventEnvelope Create(string key, IMessage message, DateTimeOffset now, DateTimeOffset? occurredAt = null, int schemaVersion = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return new EventEnvelope(Guid.CreateVersion7(now), message.Descriptor.Name, schemaVersion,
            occurredAt ?? now, key, message.ToByteArray());
    }

    /// <summary>Builds the Kafka message, with the envelope headers and the given trace context.</summary>
    public Message<string, byte[]> ToKafkaMessage(string? traceParent, string? traceState)
    {
        var headers = new Headers
        {
            { EnvelopeHeaders.EventId, Encoding.UTF8.GetBytes(EventId.ToString()) },
            { EnvelopeHeaders.EventType, Encoding.UTF8.GetBytes(EventType) },
            { EnvelopeHeaders.SchemaVersion, Encoding.UTF8.GetBytes(SchemaVersion.ToString(CultureInfo.InvariantCulture)) },
            { EnvelopeHeaders.OccurredAt, Encoding.UTF8.GetBytes(OccurredAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)) },
        };
        if (traceParent is not null)
        {
            headers.Add(EnvelopeHeaders.TraceParent, Encoding.UTF8.GetBytes(traceParent));
        }

        if (!string.IsNullOrEmpty(traceState))
        {
            headers.Add(EnvelopeHeaders.TraceState, Encoding.UTF8.GetBytes(traceState));
        }

        return new Message<string, byte[]> { Key = Key, Value = Payload, Headers = headers };
    }

    /// <summary>Reads the envelope of a consumed message; throws <see cref="InvalidEnvelopeException"/> when a header is missing or malformed.</summary>
    public static EventEnvelope FromKafkaMessage(Message<string, byte[]> message)
    {
        var headers = message.Headers ?? [];
        var eventId = Guid.TryParse(ReadHeader(headers, EnvelopeHeaders.EventId), out var id)
            ? id : throw new InvalidEnvelopeException($"Header '{EnvelopeHeaders.EventId}' is missing or not a UUID.");
        var eventType = ReadHeader(headers, EnvelopeHeaders.EventType)
            ?? throw new InvalidEnvelopeException($"Header '{EnvelopeHeaders.EventType}' is missing.");
        var version = int.TryParse(ReadHeader(headers, EnvelopeHeaders.SchemaVersion), CultureInfo.InvariantCulture, out var v) ? v : 1;
        var occurredAt = DateTimeOffset.TryParse(ReadHeader(headers, EnvelopeHeaders.OccurredAt), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var at) ? at : DateTimeOffset.MinValue;
        return new EventEnvelope(eventId, eventType, version, occurredAt, message.Key ?? string.Empty, message.Value ?? []);
    }

    /// <summary>The last value of a header as UTF-8 text, or null.</summary>
    public static string? ReadHeader(Headers headers, string name) =>
        headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
}

/// <summary>A consumed message that does not carry a valid platform envelope.</summary>
public sealed class InvalidEnvelopeException(string message) : Exception(message);
