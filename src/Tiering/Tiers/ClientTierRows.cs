using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Platform.Messaging.Postgres;

namespace Platform.Tiering.Tiers;

/// <summary>
/// Writes the tiers of a sweep's batch with one set-based UPDATE (unnest of one array per column)
/// instead of EF's one UPDATE statement per client: every client of a daily recalculation changes
/// (at least the day it was calculated for), and per-row statements were the largest cost of a
/// batch in PostgreSQL and in the service. The clients must not be tracked by the context.
/// </summary>
public static class ClientTierRows
{
    // Every column the rules change; the caller holds the rows (FOR UPDATE) and the clients' advisory locks.
    private const string Update = """
        UPDATE client_tiers AS c SET tier = u.tier, since = u.since, average_daily_assets = u.ada, warning_issued_at = u.warning_issued_at,
            warning_review_at = u.warning_review_at, near_tier_notified = u.near, last_review_at = u.last_review_at,
            calculated_on = u.calculated_on, table_version = u.table_version
        FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            AS u(client_id, tier, since, ada, warning_issued_at, warning_review_at, near, last_review_at, calculated_on, table_version)
        WHERE c.client_id = u.client_id
        RETURNING c.client_id, c.version
        """;

    /// <summary>Writes the clients' rows and gives each client the row version the update left (for its cached copy).</summary>
    public static async Task UpdateAsync(TieringDbContext db, IReadOnlyList<ClientTier> clients, CancellationToken cancellationToken)
    {
        if (clients.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(Update, (NpgsqlConnection)db.Database.GetDbConnection())
        {
            Parameters =
            {
                SqlArrays.Text(clients.Select(c => c.ClientId)),
                SqlArrays.Of(NpgsqlDbType.Text, clients.Select(c => c.Tier.ToString())),
                SqlArrays.Of(NpgsqlDbType.TimestampTz, clients.Select(c => c.Since.ToUniversalTime())),
                SqlArrays.Of(NpgsqlDbType.Numeric, clients.Select(c => c.AverageDailyAssets)),
                SqlArrays.Of(NpgsqlDbType.TimestampTz, clients.Select(c => c.WarningIssuedAt?.ToUniversalTime())),
                SqlArrays.Of(NpgsqlDbType.TimestampTz, clients.Select(c => c.WarningReviewAt?.ToUniversalTime())),
                SqlArrays.Of(NpgsqlDbType.Text, clients.Select(c => c.NearTierNotified?.ToString())),
                SqlArrays.Of(NpgsqlDbType.TimestampTz, clients.Select(c => c.LastReviewAt?.ToUniversalTime())),
                SqlArrays.Of(NpgsqlDbType.Date, clients.Select(c => c.CalculatedOn)),
                SqlArrays.Of(NpgsqlDbType.Integer, clients.Select(c => c.TableVersion)),
            },
        };
        var byId = clients.ToDictionary(c => c.ClientId, StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            byId[reader.GetString(0)].Version = reader.GetInt64(1);
        }
    }
}
