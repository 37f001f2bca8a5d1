using Npgsql;
using NpgsqlTypes;

namespace Platform.TestSupport.Postgres;

/// <summary>Lock waits in one database: for tests that must see a transaction queue behind another before letting the first go.</summary>
public static class LockWaits
{
    /// <summary>
    /// How many lock requests of the database's sessions wait ungranted; of <paramref name="lockType"/> only when given
    /// (pg_locks' locktype, e.g. "advisory"). Told by the waiting session's database, not the lock's: a row lock's wait is on
    /// the holder's transaction id, which names no database.
    /// </summary>
    public static async Task<long> CountAsync(string connectionString, string? lockType = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*) FROM pg_locks
            WHERE NOT granted AND ($1::text IS NULL OR locktype = $1)
              AND pid IN (SELECT pid FROM pg_stat_activity WHERE datname = current_database())
            """, connection)
        {
            Parameters = { new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)lockType ?? DBNull.Value } },
        };
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
