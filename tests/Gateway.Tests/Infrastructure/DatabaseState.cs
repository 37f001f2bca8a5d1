using Npgsql;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>
/// What the services' databases hold, as one line per table (rows and a checksum of their text), read from
/// every table of the public schema, new ones included, except those background work changes on its own:
/// the outbox (the relay deletes what it delivered), the inbox, and the funnel report (the projector folds
/// the increments a step commits); each of those is written in the transaction of a row that is compared.
/// </summary>
public static class DatabaseState
{
    private static readonly string[] ChangedInTheBackground =
        ["outbox_messages", "inbox_messages", "funnel_report_increments", "funnel_report_cells", "funnel_report_durations"];

    public static async Task<IReadOnlyList<string>> ReadAsync(IEnumerable<string> databases)
    {
        List<string> lines = [];
        foreach (var database in databases)
        {
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            List<string> tables = [];
            await using (var list = new NpgsqlCommand(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' "
                + "AND NOT table_name = ANY(@skipped) ORDER BY table_name", connection))
            {
                list.Parameters.AddWithValue("skipped", ChangedInTheBackground);
                await using var reader = await list.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            var sql = string.Join(" UNION ALL ", tables.Select(table =>
                $"SELECT '{connection.Database}.{table}: ' || count(*) || ' rows, ' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '-') FROM \"{table}\" t"));
            await using var read = new NpgsqlCommand(sql, connection);
            await using var rows = await read.ExecuteReaderAsync();
            while (await rows.ReadAsync())
            {
                lines.Add(rows.GetString(0));
            }
        }

        return lines;
    }
}
