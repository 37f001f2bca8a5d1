using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Time;

namespace Platform.Engagement.Lifecycle;

/// <summary>
/// Reads client states for change, locked for the caller's transaction, and writes back those that changed: a few statements
/// per batch whatever its size. The states are not tracked by EF Core: its change tracker would write one UPDATE per row
/// (some 0.5 ms each, most of a batch's time); <see cref="SaveAsync"/> writes every changed row in one statement instead,
/// telling the changed ones by comparing each with a copy taken when it was read (<see cref="ClientStateCopy"/>).
/// </summary>
public sealed class ClientStateStore(EngagementDbContext db)
{
    // Property names in snake case are the column names (ClientStateConfiguration): the rows travel as one jsonb array that
    // jsonb_populate_recordset turns into client_states records, arrays and exact numerics included.
    private static readonly JsonSerializerOptions RowJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Each state as it was read (a copy), to tell the changed ones.</summary>
    private readonly Dictionary<string, ClientState> loaded = new(StringComparer.Ordinal);

    /// <summary>
    /// The clients' states, locked in client id order (two batches over overlapping clients queue on the first they share
    /// instead of each holding a row the other wants). A client without a row gets an empty one first (ON CONFLICT DO NOTHING,
    /// so that a concurrent insert is no error, and no row is ever written from a state that missed another's facts).
    /// </summary>
    public async Task<Dictionary<string, ClientState>> LockAsync(IEnumerable<string> clientIds, CancellationToken cancellationToken)
    {
        var ids = clientIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var states = ids.Length == 0 ? [] : await LockExistingAsync(ids, cancellationToken);
        if (states.Count < ids.Length)
        {
            var known = states.Select(s => s.ClientId).ToHashSet(StringComparer.Ordinal);
            var missing = ids.Where(id => !known.Contains(id)).ToArray();
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO client_states (client_id, investments, idle_cash_days, erased) SELECT c, 0, 0, false FROM unnest({missing}::text[]) AS c ORDER BY c ON CONFLICT (client_id) DO NOTHING",
                cancellationToken);
            states.AddRange(await LockExistingAsync(missing, cancellationToken));
        }

        return Remember(states).ToDictionary(s => s.ClientId, StringComparer.Ordinal);
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> clients whose next check is due, skipping those another transaction holds (a batch
    /// applying their events settles them itself; another sweeper takes others).
    /// </summary>
    public async Task<List<ClientState>> ClaimDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        Remember(await db.ClientStates
            .FromSql($"SELECT * FROM client_states WHERE next_check_at <= {StoredTime.Of(now)} ORDER BY next_check_at LIMIT {limit} FOR UPDATE SKIP LOCKED")
            .AsNoTracking().ToListAsync(cancellationToken));

    /// <summary>Writes the states that differ from what was read, in one statement; unchanged rows are not touched.</summary>
    public async Task SaveAsync(IEnumerable<ClientState> states, CancellationToken cancellationToken)
    {
        var changed = states.Where(s => !loaded.TryGetValue(s.ClientId, out var was) || !ClientStateCopy.Same(was, s)).ToList();
        if (changed.Count == 0)
        {
            return;
        }

        var rows = JsonSerializer.Serialize(changed, RowJson);
        await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE client_states AS s SET
                registered_at = r.registered_at, approved_at = r.approved_at, first_deposit_at = r.first_deposit_at,
                first_investment_at = r.first_investment_at, last_investment_at = r.last_investment_at, investments = r.investments,
                last_login_at = r.last_login_at, tier = r.tier, tier_changed_at = r.tier_changed_at,
                amount_to_next_tier = r.amount_to_next_tier, amount_to_next_tier_at = r.amount_to_next_tier_at,
                snapshot_date = r.snapshot_date, total_assets = r.total_assets, cash = r.cash, idle_cash_days = r.idle_cash_days,
                daily_dates = r.daily_dates, daily_totals = r.daily_totals, daily_cash = r.daily_cash, daily_taken_at = r.daily_taken_at,
                transfer_out_at = r.transfer_out_at, transfer_out_amounts = r.transfer_out_amounts,
                stage = r.stage, stage_changed_at = r.stage_changed_at, next_check_at = r.next_check_at
            FROM jsonb_populate_recordset(NULL::client_states, {rows}::jsonb) AS r
            WHERE s.client_id = r.client_id
            """, cancellationToken);
        foreach (var state in changed)
        {
            loaded[state.ClientId] = ClientStateCopy.Of(state);
        }
    }

    private async Task<List<ClientState>> LockExistingAsync(string[] ids, CancellationToken cancellationToken) =>
        await db.ClientStates
            .FromSql($"SELECT * FROM client_states WHERE client_id = ANY({ids}) ORDER BY client_id FOR UPDATE")
            .AsNoTracking().ToListAsync(cancellationToken);

    private List<ClientState> Remember(List<ClientState> states)
    {
        foreach (var state in states)
        {
            loaded[state.ClientId] = ClientStateCopy.Of(state);
        }

        return states;
    }
}
