using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Platform.Engagement.Lifecycle;

/// <summary>
/// Reads whole <c>client_states</c> rows with their version (<c>xmin</c>, a system column EF Core's model does not hold), on
/// the context's connection, in the caller's transaction. The columns are named here in the order read; ClientStateStoreTests
/// read every column back as written.
/// </summary>
internal static class ClientStateRows
{
    private const string Columns = """
        client_id, registered_at, approved_at, first_deposit_at, first_investment_at, last_investment_at, investments, last_login_at,
        tier, tier_changed_at, amount_to_next_tier, amount_to_next_tier_at, snapshot_date, total_assets, cash, idle_cash_days,
        daily_dates, daily_totals, daily_cash, daily_taken_at, transfer_out_at, transfer_out_amounts, stage, stage_changed_at,
        next_check_at, erased, xmin
        """;

    /// <param name="rest">What follows <c>FROM client_states</c>: the filter, order and locking clause, with positional parameters.</param>
    public static async Task<List<ClientStateCache.Entry>> ReadAsync(EngagementDbContext db, string rest, NpgsqlParameter[] parameters,
        CancellationToken cancellationToken)
    {
        // Opened by the caller's transaction; EF Core counts the opens, so a read outside one closes what it opened.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await ReadOpenAsync((NpgsqlConnection)db.Database.GetDbConnection(), rest, parameters, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<List<ClientStateCache.Entry>> ReadOpenAsync(NpgsqlConnection connection, string rest, NpgsqlParameter[] parameters,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM client_states {rest}", connection);
        command.Parameters.AddRange(parameters);
        var rows = new List<ClientStateCache.Entry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new ClientStateCache.Entry(new ClientState
            {
                ClientId = reader.GetString(0),
                RegisteredAt = Time(reader, 1), ApprovedAt = Time(reader, 2), FirstDepositAt = Time(reader, 3),
                FirstInvestmentAt = Time(reader, 4), LastInvestmentAt = Time(reader, 5), Investments = reader.GetInt32(6),
                LastLoginAt = Time(reader, 7), Tier = reader.IsDBNull(8) ? null : reader.GetString(8), TierChangedAt = Time(reader, 9),
                AmountToNextTier = Amount(reader, 10), AmountToNextTierAt = Time(reader, 11),
                SnapshotDate = reader.IsDBNull(12) ? null : reader.GetFieldValue<DateOnly>(12),
                TotalAssets = Amount(reader, 13), Cash = Amount(reader, 14), IdleCashDays = reader.GetInt32(15),
                DailyDates = reader.GetFieldValue<DateOnly[]>(16), DailyTotals = reader.GetFieldValue<decimal[]>(17),
                DailyCash = reader.GetFieldValue<decimal[]>(18), DailyTakenAt = reader.GetFieldValue<DateTimeOffset[]>(19),
                TransferOutAt = reader.GetFieldValue<DateTimeOffset[]>(20), TransferOutAmounts = reader.GetFieldValue<decimal[]>(21),
                Stage = reader.IsDBNull(22) ? null : reader.GetString(22), StageChangedAt = Time(reader, 23), NextCheckAt = Time(reader, 24),
                Erased = reader.GetBoolean(25),
            }, reader.GetFieldValue<uint>(26)));
        }

        return rows;
    }

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static decimal? Amount(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDecimal(ordinal);
}
