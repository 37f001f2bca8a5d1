using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Messaging.Postgres;

namespace Platform.Tiering.Assets;

/// <summary>
/// Every stored fact (snapshots, flows) of a set of clients, read in one round trip with a plain
/// Npgsql reader on the context's connection, inside its transaction. The sweep loads a whole
/// batch this way instead of two EF queries per client: at twenty snapshots a client, reading the
/// rows is most of a recalculation's CPU, and EF (AsNoTracking, = ANY) took about twice as long.
/// </summary>
public static class AssetFacts
{
    private const string Snapshots = "SELECT client_id, day, total_assets, reported_at, event_id FROM asset_snapshots WHERE client_id = ANY($1)";
    private const string Flows = "SELECT client_id, day, amount, event_id FROM asset_flows WHERE client_id = ANY($1)";

    /// <summary>One history per client id (empty for a client without facts); Tiering:Retention keeps the facts of about 400 days.</summary>
    public static async Task<IReadOnlyDictionary<string, AssetHistory>> LoadAsync(TieringDbContext db, IReadOnlyCollection<string> clientIds,
        CancellationToken cancellationToken)
    {
        var histories = clientIds.Distinct(StringComparer.Ordinal).ToDictionary(id => id, _ => new AssetHistory(), StringComparer.Ordinal);
        if (histories.Count == 0)
        {
            return histories;
        }

        var ids = histories.Keys.ToArray();
        await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection())
        {
            BatchCommands = { Command(Snapshots, ids), Command(Flows, ids) },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            histories[reader.GetString(0)].Record(new AssetSnapshot(
                reader.GetFieldValue<DateOnly>(1), reader.GetDecimal(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetGuid(4)));
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            histories[reader.GetString(0)].Record(new AssetFlow(reader.GetFieldValue<DateOnly>(1), reader.GetDecimal(2), reader.GetGuid(3)));
        }

        return histories;
    }

    private static NpgsqlBatchCommand Command(string sql, string[] clientIds) => new(sql) { Parameters = { SqlArrays.Text(clientIds) } };
}
