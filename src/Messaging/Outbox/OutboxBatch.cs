using System.Diagnostics;
using Google.Protobuf;
using Npgsql;
using NpgsqlTypes;
using Platform.Messaging.Envelope;
using Platform.Messaging.Postgres;

namespace Platform.Messaging.Outbox;

/// <summary>
/// Outbox rows for code that writes its own SQL instead of EF's change tracking (a hot path that
/// records hundreds of changes per transaction): events are collected, then inserted with one
/// statement that the caller adds to its batch, in its transaction. Same rows, same relay, same
/// guarantees as <see cref="OutboxDbContextExtensions.AddOutboxEvent"/>.
/// </summary>
public sealed class OutboxBatch
{
    // Ids follow the arrays' order, so one key's events leave in the order they were added.
    private static readonly string Insert = $"""
        INSERT INTO {MessagingModelBuilderExtensions.OutboxTable}
            (event_id, topic, message_key, event_type, schema_version, occurred_at, payload, trace_parent, trace_state, created_at, attempts)
        SELECT e, t, k, y, v, o, p, tp, ts, c, 0
        FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) WITH ORDINALITY AS r(e, t, k, y, v, o, p, tp, ts, c, n)
        ORDER BY n
        """;

    private readonly List<OutboxMessage> rows = [];

    /// <summary>Events added so far.</summary>
    public int Count => rows.Count;

    /// <summary>Adds an event; the parameters mean what they mean for <see cref="OutboxDbContextExtensions.AddOutboxEvent"/>.</summary>
    public EventEnvelope Add(string topic, string key, IMessage message, DateTimeOffset now, DateTimeOffset? occurredAt = null,
        int schemaVersion = 1, ActivityContext? trace = null)
    {
        var envelope = EventEnvelope.Create(key, message, now, occurredAt, schemaVersion);
        rows.Add(OutboxDbContextExtensions.ToRow(topic, envelope, now, trace ?? Activity.Current?.Context));
        return envelope;
    }

    /// <summary>One INSERT for every event added, for the caller's <see cref="NpgsqlBatch"/>; null when there is none.</summary>
    public NpgsqlBatchCommand? ToCommand()
    {
        if (rows.Count == 0)
        {
            return null;
        }

        return new NpgsqlBatchCommand(Insert)
        {
            Parameters =
            {
                SqlArrays.Of(NpgsqlDbType.Uuid, rows.Select(r => r.EventId)),
                SqlArrays.Of(NpgsqlDbType.Text, rows.Select(r => r.Topic)),
                SqlArrays.Of(NpgsqlDbType.Text, rows.Select(r => r.MessageKey)),
                SqlArrays.Of(NpgsqlDbType.Text, rows.Select(r => r.EventType)),
                SqlArrays.Of(NpgsqlDbType.Integer, rows.Select(r => r.SchemaVersion)),
                SqlArrays.Of(NpgsqlDbType.TimestampTz, rows.Select(r => r.OccurredAt)),
                SqlArrays.Of(NpgsqlDbType.Bytea, rows.Select(r => r.Payload)),
                SqlArrays.Of(NpgsqlDbType.Text, rows.Select(r => r.TraceParent)),
                SqlArrays.Of(NpgsqlDbType.Text, rows.Select(r => r.TraceState)),
                SqlArrays.Of(NpgsqlDbType.TimestampTz, rows.Select(r => r.CreatedAt)),
            },
        };
    }

}
