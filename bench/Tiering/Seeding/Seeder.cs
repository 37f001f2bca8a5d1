using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Platform.Tiering.Assets;
using Platform.Tiering.Tiers;

namespace Platform.Bench.Tiering.Seeding;

/// <summary>
/// Writes seeded clients straight into Tiering's tables with binary COPY, two streams at once
/// (client_tiers and asset_snapshots, each on its own connection, so that PostgreSQL takes them
/// on two backends), while the state of each client and what the sweep must do with it are
/// computed with the domain code (<see cref="ClientStates"/>). The clients' ids are
/// <c>{prefix}{n:D8}</c>, in the order of the primary key.
/// </summary>
public static class Seeder
{
    private const string CopyClients = """
        COPY client_tiers (client_id, tier, since, average_daily_assets, warning_issued_at, warning_review_at, near_tier_notified,
            last_review_at, approved_at, calculated_on, table_version) FROM STDIN (FORMAT BINARY)
        """;

    private const string CopySnapshots = "COPY asset_snapshots (client_id, day, total_assets, reported_at, event_id) FROM STDIN (FORMAT BINARY)";

    /// <param name="calculatedOn">The calculated_on written: yesterday makes the clients due at once, today leaves them to a trigger.</param>
    public static async Task<SeedResult> SeedAsync(string connectionString, string prefix, int count, SeedCalendar calendar, ClientStates states,
        DateOnly calculatedOn, int seed, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var clientsConnection = await OpenAsync(connectionString, cancellationToken);
        await using var snapshotsConnection = await OpenAsync(connectionString, cancellationToken);
        var result = new SeedResult(prefix, count, calendar.SnapshotDays.Count);
        await using (var clients = await clientsConnection.BeginBinaryImportAsync(CopyClients, cancellationToken))
        await using (var snapshotRows = await snapshotsConnection.BeginBinaryImportAsync(CopySnapshots, cancellationToken))
        {
            var random = new Random(seed);
            var totals = new decimal[calendar.SnapshotDays.Count];
            var snapshots = new AssetSnapshot[totals.Length];
            for (var n = 0; n < count; n++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var clientId = $"{prefix}{n:D8}";
                var moved = AssetModel.Fill(random, totals);
                for (var d = 0; d < totals.Length; d++)
                {
                    var day = calendar.SnapshotDays[d];
                    var reportedAt = SeedCalendar.ReportedAt(day);
                    snapshots[d] = new AssetSnapshot(day, totals[d], reportedAt, Guid.CreateVersion7(reportedAt));
                    await WriteSnapshotAsync(snapshotRows, clientId, snapshots[d], cancellationToken);
                }

                // Approved some time in the three years before the last review, so that the review has been done.
                var approvedAt = calendar.LastReview.AddMinutes(-random.Next(1, 3 * 365 * 24 * 60));
                var (client, history) = states.Before(clientId, snapshots, approvedAt);
                await WriteClientAsync(clients, client, calendar.LastReview, calculatedOn, cancellationToken);
                var tierBefore = client.Tier;
                var expected = states.After(client, history);
                result.Add(tierBefore, moved, expected, client.Tier);
            }

            await snapshotRows.CompleteAsync(cancellationToken);
            await clients.CompleteAsync(cancellationToken);
        }

        result.Elapsed = Stopwatch.GetElapsedTime(started);
        return result;
    }

    /// <summary>What autovacuum would have done long before a daily recalculation: hint bits, visibility map, planner statistics.</summary>
    public static async Task VacuumAnalyzeAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(connectionString, cancellationToken);
        await using var command = new NpgsqlCommand("VACUUM (ANALYZE) asset_snapshots, client_tiers", connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task WriteSnapshotAsync(NpgsqlBinaryImporter rows, string clientId, AssetSnapshot snapshot, CancellationToken cancellationToken)
    {
        await rows.StartRowAsync(cancellationToken);
        await rows.WriteAsync(clientId, NpgsqlDbType.Varchar, cancellationToken);
        await rows.WriteAsync(snapshot.Day, NpgsqlDbType.Date, cancellationToken);
        await rows.WriteAsync(snapshot.TotalAssets, NpgsqlDbType.Numeric, cancellationToken);
        await rows.WriteAsync(snapshot.ReportedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
        await rows.WriteAsync(snapshot.EventId, NpgsqlDbType.Uuid, cancellationToken);
    }

    private static async Task WriteClientAsync(NpgsqlBinaryImporter rows, ClientTier client, DateTimeOffset lastReview, DateOnly calculatedOn,
        CancellationToken cancellationToken)
    {
        await rows.StartRowAsync(cancellationToken);
        await rows.WriteAsync(client.ClientId, NpgsqlDbType.Varchar, cancellationToken);
        await rows.WriteAsync(client.Tier.ToString(), NpgsqlDbType.Varchar, cancellationToken);
        await rows.WriteAsync(client.Since.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
        await rows.WriteAsync(client.AverageDailyAssets, NpgsqlDbType.Numeric, cancellationToken);
        await rows.WriteNullAsync(cancellationToken);   // no downgrade warning: the last review found none due
        await rows.WriteNullAsync(cancellationToken);
        await WriteNullableAsync(rows, client.NearTierNotified?.ToString(), cancellationToken);
        await rows.WriteAsync(lastReview.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
        await rows.WriteAsync(client.ApprovedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
        await rows.WriteAsync(calculatedOn, NpgsqlDbType.Date, cancellationToken);
        await rows.WriteAsync(client.TableVersion, NpgsqlDbType.Integer, cancellationToken);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter rows, string? value, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await rows.WriteNullAsync(cancellationToken);
        }
        else
        {
            await rows.WriteAsync(value, NpgsqlDbType.Varchar, cancellationToken);
        }
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
