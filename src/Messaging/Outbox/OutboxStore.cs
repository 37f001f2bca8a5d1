using Npgsql;
using NpgsqlTypes;
using Platform.Messaging.Postgres;

namespace Platform.Messaging.Outbox;

/// <summary>The relay's SQL on the outbox table, all in the caller's transaction.</summary>
internal static class OutboxStore
{
    private const string Table = MessagingModelBuilderExtensions.OutboxTable;

    // The row's (topic, key) has no failing or parked row and is not held by the relay: its events may go, in order.
    private static readonly string StreamOpen = $"""
        (NOT EXISTS (SELECT 1 FROM {Table} f WHERE f.attempts > 0 AND f.topic = o.topic AND f.message_key = o.message_key)
         AND o.topic || '/' || o.message_key <> ALL(@held_streams))
        """;

    // Oldest first. A (topic, key) with a failing or parked row (the only rows with attempts > 0),
    // or held by the relay (@held_streams: its head failed without counting, see HeldStreams), is
    // left out, so its later events cannot overtake it; its failing row or held head (@held_heads)
    // itself is included only in a round that retries failing rows (ClaimRetrying), a parked one never.
    //
    // Two shapes, because the planner must walk the primary key from the oldest row and stop at @limit:
    // the outbox is a queue whose heap is mostly rows the relay deleted and autovacuum has not yet
    // removed (tens of thousands per minute under load, and their pages stay allocated after it). With
    // one CASE for both kinds of round the planner cannot estimate the filter, and chose to read the
    // whole heap and sort it on every round (1,700-2,200 pages, 27-45 ms a claim, measured in the
    // Onboarding benchmark: a fifth of a core). A fresh round's plain conjunction keeps the index scan
    // (the relay also vacuums the table: OutboxOptions.VacuumAfterRows); the rare retry round keeps the general form.
    // The plain conjunction was not enough: until autovacuum's first analyse the table's statistics say "a handful of rows" and a handful is
    // cheapest to find by reading everything (seen in the benchmark: 2,200-3,000 pages a claim), so the fresh
    // round tells the planner, for its own transaction, that the heap is not to be read whole.
    private static readonly string ClaimFresh = $"""
        SET LOCAL enable_seqscan = off;
        SELECT {Columns}
        FROM {Table} o
        WHERE o.attempts = 0 AND o.parked_at IS NULL AND o.id <> ALL(@held_heads)
          AND {StreamOpen}
        ORDER BY o.id LIMIT @limit FOR UPDATE SKIP LOCKED
        """;

    private static readonly string ClaimRetrying = $"""
        SELECT {Columns}
        FROM {Table} o
        WHERE o.parked_at IS NULL
          AND (o.attempts > 0 OR o.id = ANY(@held_heads) OR {StreamOpen})
        ORDER BY o.id LIMIT @limit FOR UPDATE SKIP LOCKED
        """;

    private const string Columns =
        "id, event_id, topic, message_key, event_type, schema_version, occurred_at, payload, trace_parent, trace_state, created_at, attempts";

    private static readonly string Settle = $"""
        UPDATE {Table} o SET attempts = o.attempts + f.counted, last_error = f.error, parked_at = f.parked_at
        FROM unnest($1, $2, $3, $4) AS f(id, counted, error, parked_at)
        WHERE o.id = f.id
        """;

    /// <summary>The claim's SQL for a round (parameters @limit, @held_heads, @held_streams); a fresh round's starts with its planner setting.</summary>
    internal static string ClaimText(bool retryFailing) => retryFailing ? ClaimRetrying : ClaimFresh;

    public static async Task<List<OutboxMessage>> ClaimAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int batchSize,
        bool retryFailing, HeldStreams held, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ClaimText(retryFailing), connection, transaction);
        command.Parameters.AddWithValue("limit", batchSize);
        command.Parameters.AddWithValue("held_heads", NpgsqlDbType.Array | NpgsqlDbType.Bigint, held.Heads);
        command.Parameters.AddWithValue("held_streams", NpgsqlDbType.Array | NpgsqlDbType.Text, held.Streams);
        var rows = new List<OutboxMessage>(batchSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new OutboxMessage
            {
                Id = reader.GetInt64(0),
                EventId = reader.GetGuid(1),
                Topic = reader.GetString(2),
                MessageKey = reader.GetString(3),
                EventType = reader.GetString(4),
                SchemaVersion = reader.GetInt32(5),
                OccurredAt = reader.GetFieldValue<DateTimeOffset>(6),
                Payload = reader.GetFieldValue<byte[]>(7),
                TraceParent = reader.IsDBNull(8) ? null : reader.GetString(8),
                TraceState = reader.IsDBNull(9) ? null : reader.GetString(9),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(10),
                Attempts = reader.GetInt32(11),
            });
        }

        return rows;
    }

    /// <summary>Deletes the delivered rows and records the failures; runs to its end even when the host stops.</summary>
    public static async Task SettleAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, RoundSettlement settlement, DateTimeOffset now)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (settlement.Delivered.Count > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"DELETE FROM {Table} WHERE id = ANY($1)")
            {
                Parameters = { SqlArrays.Of(NpgsqlDbType.Bigint, settlement.Delivered) },
            });
        }

        if (settlement.Failures.Count > 0)
        {
            var failures = settlement.Failures;
            batch.BatchCommands.Add(new NpgsqlBatchCommand(Settle)
            {
                Parameters =
                {
                    SqlArrays.Of(NpgsqlDbType.Bigint, failures.Select(f => f.Row.Id)),
                    SqlArrays.Of(NpgsqlDbType.Integer, failures.Select(f => f.Counted ? 1 : 0)),
                    SqlArrays.Of(NpgsqlDbType.Text, failures.Select(f => f.Error.Length > 2000 ? f.Error[..2000] : f.Error)),
                    SqlArrays.Of(NpgsqlDbType.TimestampTz, failures.Select(f => f.Park ? now : (DateTimeOffset?)null)),
                },
            });
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>Rows waiting (parked ones included: they wait for an operator) and the age of the oldest.</summary>
    public static async Task<(long Backlog, DateTimeOffset? Oldest)> BacklogAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT count(*), min(created_at) FROM {Table}", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }
}
