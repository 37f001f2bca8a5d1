using Npgsql;

namespace Platform.Bench.Tiering.Recalculation;

/// <summary>
/// How far the sweep has come, polled every 250 ms without weighing on the run: the sweep claims
/// clients in the order of the primary key, so the first client still due at or after the last one
/// seen is where it stands, and each poll reads only the rows recalculated since the one before
/// (a count over a million rows four times a second would take a good part of a core). When none
/// is left after the cursor, a full count confirms that no client anywhere is still due.
/// </summary>
public sealed class SweepProgress(string connectionString, DateOnly today)
{
    // The service's own condition (TierSweepWorker): not calculated today, or against an older tier table.
    private const string Due = "(calculated_on IS NULL OR calculated_on < $1 OR table_version < (SELECT max(version) FROM tier_tables))";

    private string cursor = string.Empty;

    /// <summary>The first client still due at or after the cursor (which moves there), or null when none is.</summary>
    public async Task<string?> NextDueAsync(CancellationToken cancellationToken)
    {
        var next = await ScalarAsync<string>($"SELECT client_id FROM client_tiers WHERE client_id >= $2 AND {Due} ORDER BY client_id LIMIT 1",
            cancellationToken, today, cursor);
        cursor = next ?? cursor;
        return next;
    }

    /// <summary>Every client still due: a full scan, for the end only.</summary>
    public async Task<long> CountDueAsync(CancellationToken cancellationToken) =>
        await ScalarAsync<long>($"SELECT count(*) FROM client_tiers WHERE {Due}", cancellationToken, today);

    private async Task<T?> ScalarAsync<T>(string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return await command.ExecuteScalarAsync(cancellationToken) is T scalar ? scalar : default;
    }
}
