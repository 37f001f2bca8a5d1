using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Platform.Tiering.Retention;

/// <summary>Section <c>Tiering:Retention</c>.</summary>
public sealed class RetentionOptions
{
    /// <summary>
    /// Calendar days of facts kept in full. The longest window operators may set is 250 trading
    /// days (about 365 calendar days), so at least 370 are kept whatever the window.
    /// </summary>
    public int KeepDays { get; set; } = 400;

    /// <summary>How often a replica prunes (the first time at start).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Clients per transaction.</summary>
    public int BatchSize { get; set; } = 1_000;

    public const int MinimumKeepDays = 370;
}

/// <summary>
/// Deletes the asset facts that can no longer change any day a window may cover: for each client,
/// the snapshots older than its last snapshot before the cutoff (that one is kept, as the value
/// carried forward into the kept days) and the flows on or before it (a day's total counts only
/// flows after its last snapshot). Every total from the cutoff on is therefore the same before and
/// after; a late or redelivered fact older than what is kept changes nothing either and is pruned
/// by the next pass. No client lock is needed: what is deleted is irrelevant to any calculation
/// running at the same time.
/// </summary>
public sealed class FactRetention(TieringDbContext db)
{
    /// <summary>One batch of clients after <paramref name="afterClientId"/> (by id); the last client handled, or null when none was left.</summary>
    public async Task<(string? LastClientId, int Snapshots, int Flows)> PruneBatchAsync(
        string afterClientId, DateOnly cutoff, int batchSize, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("""
                WITH base AS (
                    SELECT client_id, max(day) AS day FROM asset_snapshots
                    WHERE client_id > $1 AND day < $2
                    GROUP BY client_id ORDER BY client_id LIMIT $3
                ), gone_snapshots AS (
                    DELETE FROM asset_snapshots s USING base b WHERE s.client_id = b.client_id AND s.day < b.day RETURNING 1
                ), gone_flows AS (
                    DELETE FROM asset_flows f USING base b WHERE f.client_id = b.client_id AND f.day <= b.day RETURNING 1
                )
                SELECT (SELECT max(client_id) FROM base), (SELECT count(*) FROM gone_snapshots)::int, (SELECT count(*) FROM gone_flows)::int
                """, connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = afterClientId });
            command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = cutoff });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = batchSize });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
