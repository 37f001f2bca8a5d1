using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Platform.Messaging.Postgres;
using Platform.ServiceDefaults.Time;

namespace Platform.Engagement.Lifecycle;

/// <summary>
/// Reads client states for change, under the clients' locks for the caller's transaction, and writes back those that changed: a few statements
/// per batch whatever its size. The states are not tracked by EF Core: its change tracker would write one UPDATE per row
/// (some 0.5 ms each, most of a batch's time); <see cref="SaveAsync"/> writes every changed row in one statement instead,
/// telling the changed ones by comparing each with a copy taken when it was read (<see cref="ClientStateCopy"/>).
/// </summary>
public sealed class ClientStateStore(EngagementDbContext db)
{
    /// <summary>Each state as it was read (a copy), to tell the changed ones.</summary>
    private readonly Dictionary<string, ClientState> loaded = new(StringComparer.Ordinal);

    /// <summary>
    /// For the rest of the caller's transaction, plans its statements for pages that are cached or on SSD: they join a few
    /// hundred rows to client_states, moment_timers and outreach_instances, and with PostgreSQL's default cost of a random
    /// page (4: a spinning disk's) a table of small rows looked cheaper to scan whole and hash than to probe by its index a
    /// few hundred times (the states UPDATE scanned all of client_states on every batch in the benchmark: 38 ms where the
    /// probes take 16). The lifecycle consumer's batches and the sweeper's rounds call it first.
    /// </summary>
    public async Task PlanForCachedPagesAsync(CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync("SET LOCAL random_page_cost = 1.1", cancellationToken);

    /// <summary>
    /// The clients' states, under the clients' locks (<see cref="ClientLocks"/>, taken in one statement in a fixed order: two
    /// batches over overlapping clients queue on the first they share instead of each holding a lock the other wants), read
    /// after the locks are held, so every earlier holder's commit is seen. A client without a row gets an empty one first
    /// (ON CONFLICT DO NOTHING; no row is ever written from a state that missed another's facts).
    /// </summary>
    /// <remarks>
    /// Advisory locks, not row locks (SELECT ... FOR UPDATE): a row lock writes the row's header and a WAL record for every
    /// row, which the batch's UPDATE then writes again: in the million-event bench the locking read cost PostgreSQL about
    /// as much as the UPDATE itself (12 s of 51, 107 MB of WAL). Every writer of client_states holds the client's lock: the
    /// lifecycle batches here, the erasure (PrivacyGrpcService), and the stage sweeper, which takes only the locks that are
    /// free (<see cref="ClaimDueAsync"/>).
    /// </remarks>
    public async Task<Dictionary<string, ClientState>> LockAsync(IEnumerable<string> clientIds, CancellationToken cancellationToken)
    {
        RequireReadCommitted();
        var ids = clientIds.Distinct(StringComparer.Ordinal).ToArray();
        if (ids.Length == 0)
        {
            return [];
        }

        await db.Database.LockClientsAsync(ids, cancellationToken);
        var states = await ReadAsync(ids, cancellationToken);
        if (states.Count < ids.Length)
        {
            var known = states.Select(s => s.ClientId).ToHashSet(StringComparer.Ordinal);
            var missing = ids.Where(id => !known.Contains(id)).Order(StringComparer.Ordinal).ToArray();
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO client_states (client_id, investments, idle_cash_days, erased) SELECT c, 0, 0, false FROM unnest({missing}::text[]) AS c ORDER BY c ON CONFLICT (client_id) DO NOTHING",
                cancellationToken);
            states.AddRange(await ReadAsync(missing, cancellationToken));
        }

        return Remember(states).ToDictionary(s => s.ClientId, StringComparer.Ordinal);
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> clients whose next check is due: their rows FOR UPDATE SKIP LOCKED (another
    /// sweeper takes others), and of those only the clients whose lock is free (a batch holding it is applying their events
    /// and settles them itself; they stay due for a later round). The rows are read locked, so none changes before this
    /// transaction ends; a batch that read one first holds its client's lock, and that client is left out here. A row left
    /// out stays locked until this transaction ends: the batch holding its client waits for that in its UPDATE (a one-way
    /// wait, one sweeper round long; the sweeper never waits for a batch).
    /// </summary>
    /// <returns>The clients held, and how many rows were due and claimed (held or left out): a full claim means more may be due.</returns>
    public async Task<(List<ClientState> Held, int Claimed)> ClaimDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        RequireReadCommitted();
        var due = await db.ClientStates
            .FromSql($"SELECT * FROM client_states WHERE next_check_at <= {StoredTime.Of(now)} ORDER BY next_check_at LIMIT {limit} FOR UPDATE SKIP LOCKED")
            .AsNoTracking().ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return (due, 0);
        }

        var locked = await db.Database.TryLockClientsAsync(due.Select(s => s.ClientId), cancellationToken);
        return (Remember([.. due.Where(s => locked.Contains(s.ClientId))]), due.Count);
    }

    /// <summary>
    /// Writes the states that differ from what was read, in one statement; unchanged rows are not touched. The columns travel as
    /// typed arrays (binary, one element per row: <c>unnest</c>); the day and transfer arrays, which are arrays per row, travel
    /// as array literals, and only for the rows whose arrays changed (a snapshot's or a transfer's): a login or a trade changes
    /// a few scalars, and parsing each row's weeks of daily amounts again was the statement's largest cost.
    /// </summary>
    public async Task SaveAsync(IEnumerable<ClientState> states, CancellationToken cancellationToken)
    {
        var changed = states.Where(s => !loaded.TryGetValue(s.ClientId, out var was) || !ClientStateCopy.Same(was, s)).ToList();
        if (changed.Count == 0)
        {
            return;
        }

        // One array's literal per changed row, null where that group of arrays is the same as read (a row never read sends all).
        NpgsqlParameter<string?[]> Literals<T>(Func<ClientState, ClientState, bool> same, Func<ClientState, IEnumerable<T>> values, Func<T, string> element) =>
            SqlArrays.Of(NpgsqlDbType.Text, changed.Select(s =>
                loaded.TryGetValue(s.ClientId, out var was) && same(was, s) ? null : ArrayLiteral.Of(values(s), element)));

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(SaveStatement, connection)
        {
            Parameters =
            {
                SqlArrays.Text(changed.Select(s => s.ClientId)),
                Times(changed.Select(s => s.RegisteredAt)), Times(changed.Select(s => s.ApprovedAt)), Times(changed.Select(s => s.FirstDepositAt)),
                Times(changed.Select(s => s.FirstInvestmentAt)), Times(changed.Select(s => s.LastInvestmentAt)),
                SqlArrays.Of(NpgsqlDbType.Integer, changed.Select(s => s.Investments)), Times(changed.Select(s => s.LastLoginAt)),
                SqlArrays.Of(NpgsqlDbType.Text, changed.Select(s => s.Tier)), Times(changed.Select(s => s.TierChangedAt)),
                SqlArrays.Of(NpgsqlDbType.Numeric, changed.Select(s => s.AmountToNextTier)), Times(changed.Select(s => s.AmountToNextTierAt)),
                SqlArrays.Of(NpgsqlDbType.Date, changed.Select(s => s.SnapshotDate)), SqlArrays.Of(NpgsqlDbType.Numeric, changed.Select(s => s.TotalAssets)),
                SqlArrays.Of(NpgsqlDbType.Numeric, changed.Select(s => s.Cash)), SqlArrays.Of(NpgsqlDbType.Integer, changed.Select(s => s.IdleCashDays)),
                Literals(ClientStateCopy.SameDays, s => s.DailyDates, ArrayLiteral.Date),
                Literals(ClientStateCopy.SameDays, s => s.DailyTotals, ArrayLiteral.Amount),
                Literals(ClientStateCopy.SameDays, s => s.DailyCash, ArrayLiteral.Amount),
                Literals(ClientStateCopy.SameDays, s => s.DailyTakenAt, ArrayLiteral.Time),
                Literals(ClientStateCopy.SameTransfersOut, s => s.TransferOutAt, ArrayLiteral.Time),
                Literals(ClientStateCopy.SameTransfersOut, s => s.TransferOutAmounts, ArrayLiteral.Amount),
                SqlArrays.Of(NpgsqlDbType.Text, changed.Select(s => s.Stage)), Times(changed.Select(s => s.StageChangedAt)),
                Times(changed.Select(s => s.NextCheckAt)),
            },
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
        foreach (var state in changed)
        {
            loaded[state.ClientId] = ClientStateCopy.Of(state);
        }
    }

    // The row's arrays are left as they are where the parameter is null (unchanged); an emptied array is '{}', not null.
    private const string SaveStatement = """
        UPDATE client_states AS s SET
            registered_at = r.registered_at, approved_at = r.approved_at, first_deposit_at = r.first_deposit_at,
            first_investment_at = r.first_investment_at, last_investment_at = r.last_investment_at, investments = r.investments,
            last_login_at = r.last_login_at, tier = r.tier, tier_changed_at = r.tier_changed_at,
            amount_to_next_tier = r.amount_to_next_tier, amount_to_next_tier_at = r.amount_to_next_tier_at,
            snapshot_date = r.snapshot_date, total_assets = r.total_assets, cash = r.cash, idle_cash_days = r.idle_cash_days,
            daily_dates = COALESCE(r.daily_dates::date[], s.daily_dates), daily_totals = COALESCE(r.daily_totals::numeric[], s.daily_totals),
            daily_cash = COALESCE(r.daily_cash::numeric[], s.daily_cash), daily_taken_at = COALESCE(r.daily_taken_at::timestamptz[], s.daily_taken_at),
            transfer_out_at = COALESCE(r.transfer_out_at::timestamptz[], s.transfer_out_at),
            transfer_out_amounts = COALESCE(r.transfer_out_amounts::numeric[], s.transfer_out_amounts),
            stage = r.stage, stage_changed_at = r.stage_changed_at, next_check_at = r.next_check_at
        FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)
            AS r(client_id, registered_at, approved_at, first_deposit_at, first_investment_at, last_investment_at, investments, last_login_at,
                 tier, tier_changed_at, amount_to_next_tier, amount_to_next_tier_at, snapshot_date, total_assets, cash, idle_cash_days,
                 daily_dates, daily_totals, daily_cash, daily_taken_at, transfer_out_at, transfer_out_amounts, stage, stage_changed_at, next_check_at)
        WHERE s.client_id = r.client_id
        """;

    private static NpgsqlParameter<DateTimeOffset?[]> Times(IEnumerable<DateTimeOffset?> times) =>
        SqlArrays.Of(NpgsqlDbType.TimestampTz, times.Select(t => t?.ToUniversalTime()));

    private async Task<List<ClientState>> ReadAsync(string[] ids, CancellationToken cancellationToken) =>
        await db.ClientStates.FromSql($"SELECT * FROM client_states WHERE client_id = ANY({ids})").AsNoTracking().ToListAsync(cancellationToken);

    /// <summary>
    /// Outside a transaction the locks would end with their statement, before the rows are read and written; under REPEATABLE
    /// READ or SERIALIZABLE the read would see the snapshot the transaction's first statement took, from before the locks were
    /// granted. (Npgsql begins a transaction without a level as READ COMMITTED and reports it so.)
    /// </summary>
    private void RequireReadCommitted()
    {
        if (db.Database.CurrentTransaction?.GetDbTransaction().IsolationLevel is not IsolationLevel.ReadCommitted)
        {
            throw new InvalidOperationException("ClientStateStore needs a READ COMMITTED transaction: the clients' locks last until it ends.");
        }
    }

    private List<ClientState> Remember(List<ClientState> states)
    {
        foreach (var state in states)
        {
            loaded[state.ClientId] = ClientStateCopy.Of(state);
        }

        return states;
    }
}
