using Npgsql;

namespace Platform.Bench.Common.Measuring;

/// <summary>What one normalised statement cost over a measured window (pg_stat_statements).</summary>
/// <param name="PlanMilliseconds">Planning time (track_planning): a statement sent unprepared is planned on every call, a cost execution time does not show.</param>
public sealed record StatementCost(string Query, long Calls, double TotalMilliseconds, long Rows, long WalBytes, double PlanMilliseconds);

/// <summary>
/// Where PostgreSQL's time goes, statement by statement (--statements on): the server is started with pg_stat_statements
/// preloaded, the counters are reset when the measured window starts and the most expensive statements of one database are
/// read when it ends. Off by default: the extension itself costs a little on every statement, and a run that reports the
/// issue's figures should not carry it.
/// </summary>
public static class StatementProfile
{
    /// <summary>The server settings that load the extension (added to the run's durability settings).</summary>
    public static IReadOnlyDictionary<string, string> ServerSettings { get; } = new Dictionary<string, string>
    {
        ["shared_preload_libraries"] = "pg_stat_statements",
        ["pg_stat_statements.max"] = "1000",
        ["pg_stat_statements.track_planning"] = "on",
    };

    /// <summary>Creates the extension (once) and zeroes its counters: what follows is the measured window.</summary>
    public static async Task ResetAsync(string serverConnectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The <paramref name="count"/> statements of <paramref name="database"/> that took the most time (planning and execution) since the reset.</summary>
    public static async Task<IReadOnlyList<StatementCost>> TopAsync(string serverConnectionString, string database, int count, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT s.query, s.calls, s.total_exec_time, s.rows, s.wal_bytes::bigint, s.total_plan_time
            FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname = @database
            ORDER BY s.total_exec_time + s.total_plan_time DESC LIMIT @count
            """, connection);
        command.Parameters.AddWithValue("database", database);
        command.Parameters.AddWithValue("count", count);
        var costs = new List<StatementCost>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            costs.Add(new StatementCost(reader.GetString(0), reader.GetInt64(1), reader.GetDouble(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetDouble(5)));
        }

        return costs;
    }
}
