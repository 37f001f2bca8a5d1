using Npgsql;
using NpgsqlTypes;
using Platform.Messaging.Postgres;

namespace Platform.Onboarding.Funnel;

/// <summary>What a batch of steps starts from, read in one round trip at the start of its transaction.</summary>
/// <param name="Answered">Answers already given, by client and event id: their replays answer the same.</param>
/// <param name="Funnels">The batch's clients that exist, with their reached steps.</param>
/// <param name="EarlyDeposits">The batch's clients' deposits reported before their approval, by client id.</param>
/// <param name="Erased">The batch's clients that were erased (their steps are refused).</param>
public sealed record StepBatchState(
    Dictionary<(string ClientId, Guid EventId), RecordedStepEvent> Answered, Dictionary<string, ClientFunnel> Funnels, Dictionary<string, DateTimeOffset> EarlyDeposits,
    HashSet<string> Erased)
{
    private const string SelectAnswers = """
        SELECT event_id, client_id, status, current_step, next_step, recorded_at
        FROM recorded_step_events JOIN unnest($1, $2) AS k(client_id, event_id) USING (client_id, event_id)
        """;

    private const string SelectFunnels = """
        SELECT client_id, funnel, funnel_version, status, current_step, channel, campaign, risk_level, registered_at, last_activity_at,
               stalled_since, resubmissions, rejected_at, in_rework, stall_level, approved_at, funded_at, dormant_at, version, risk_assessed_at, last_submitted_at
        FROM client_funnels WHERE client_id = ANY($1)
        """;

    private const string SelectReached = "SELECT client_id, step, occurred_at, event_id FROM funnel_steps WHERE client_id = ANY($1)";

    // The erased clients ride on the early deposits' statement (a row with no time), so the check costs the step path no
    // statement and no round trip of its own: one more index probe per client of the batch, into a table of erased clients.
    private const string SelectEarlyDepositsAndErasures = """
        SELECT client_id, occurred_at FROM early_deposits WHERE client_id = ANY($1)
        UNION ALL
        SELECT client_id, NULL FROM erased_clients WHERE client_id = ANY($1)
        """;

    /// <summary>
    /// Locks the clients (a transaction-scoped advisory lock per client id, which also covers a
    /// client's very first event, before any row exists) and reads their state. Read with plain
    /// SQL: EF's query pipeline cost more CPU than the rest of the step path's reads.
    /// </summary>
    public static async Task<StepBatchState> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string[] clientIds, (string ClientId, Guid EventId)[] events, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                // First, so that the reads after it see every earlier writer's commit.
                ClientLocks.LockClients(clientIds),
                Sql.Command(SelectAnswers,
                    SqlArrays.Of(NpgsqlDbType.Text, events.Select(e => e.ClientId)), SqlArrays.Of(NpgsqlDbType.Uuid, events.Select(e => e.EventId))),
                Sql.Command(SelectFunnels, SqlArrays.Of(NpgsqlDbType.Text, clientIds)),
                Sql.Command(SelectReached, SqlArrays.Of(NpgsqlDbType.Text, clientIds)),
                Sql.Command(SelectEarlyDepositsAndErasures, SqlArrays.Of(NpgsqlDbType.Text, clientIds)),
            },
        };
        await batch.PrepareAsync(cancellationToken);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // The locks' rows say nothing.
        }

        await reader.NextResultAsync(cancellationToken);
        var answered = new Dictionary<(string ClientId, Guid EventId), RecordedStepEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var answer = new RecordedStepEvent
            {
                EventId = reader.GetGuid(0), ClientId = reader.GetString(1), Status = reader.GetString(2), CurrentStep = reader.GetString(3),
                NextStep = reader.GetString(4), RecordedAt = reader.GetFieldValue<DateTimeOffset>(5),
            };
            answered[(answer.ClientId, answer.EventId)] = answer;
        }

        await reader.NextResultAsync(cancellationToken);
        var rows = new List<ClientFunnelRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new ClientFunnelRow(
                reader.GetString(0), reader.GetString(1), reader.GetInt32(2), Enum.Parse<FunnelStatus>(reader.GetString(3)),
                Enum.Parse<FunnelStep>(reader.GetString(4)), reader.GetString(5), reader.GetString(6), NullableString(reader, 7),
                NullableTime(reader, 19), reader.GetFieldValue<DateTimeOffset>(8), reader.GetFieldValue<DateTimeOffset>(9), NullableTime(reader, 10), reader.GetInt32(11),
                NullableTime(reader, 12), NullableTime(reader, 20), reader.GetBoolean(13), reader.GetInt32(14), NullableTime(reader, 15), NullableTime(reader, 16),
                NullableTime(reader, 17), reader.GetInt64(18)));
        }

        await reader.NextResultAsync(cancellationToken);
        var reached = new List<(string ClientId, ReachedStep Step)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            reached.Add((reader.GetString(0),
                new ReachedStep(Enum.Parse<FunnelStep>(reader.GetString(1)), reader.GetFieldValue<DateTimeOffset>(2), reader.GetGuid(3))));
        }

        await reader.NextResultAsync(cancellationToken);
        var earlyDeposits = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var erased = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.IsDBNull(1))
            {
                erased.Add(reader.GetString(0));
            }
            else
            {
                earlyDeposits[reader.GetString(0)] = reader.GetFieldValue<DateTimeOffset>(1);
            }
        }

        var reachedByClient = reached.ToLookup(r => r.ClientId, r => r.Step, StringComparer.Ordinal);
        var funnels = rows.ToDictionary(r => r.ClientId, r => ClientFunnel.Restore(r, reachedByClient[r.ClientId]), StringComparer.Ordinal);
        return new StepBatchState(answered, funnels, earlyDeposits, erased);
    }

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
