using Npgsql;

namespace Platform.Bench.Onboarding.HopChain;

/// <summary>
/// Proof that the hop chain's Onboarding recorded nothing: a ceiling that secretly wrote to PostgreSQL would be no ceiling.
/// The tables every recorded step writes to: progress, the event id, the event to publish.
/// </summary>
public static class HopChainCheck
{
    public static async Task<long> RecordedRowsAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM client_funnels) + (SELECT count(*) FROM recorded_step_events) + (SELECT count(*) FROM outbox_messages)",
            connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
