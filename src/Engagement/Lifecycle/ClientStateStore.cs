using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Time;

namespace Platform.Engagement.Lifecycle;

/// <summary>Loads client states for change, locked for the caller's transaction; the changes are saved by its SaveChanges.</summary>
public sealed class ClientStateStore(EngagementDbContext db)
{
    /// <summary>
    /// The clients' states, locked in client id order (two batches over overlapping clients queue on the first they share
    /// instead of each holding a row the other wants); a client without a row gets an empty one first (ON CONFLICT DO NOTHING,
    /// so that a concurrent insert is no error). Two statements for the whole batch.
    /// </summary>
    public async Task<Dictionary<string, ClientState>> LockAsync(IEnumerable<string> clientIds, CancellationToken cancellationToken)
    {
        var ids = clientIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (ids.Length == 0)
        {
            return [];
        }

        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO client_states (client_id, investments, idle_cash_days, erased) SELECT c, 0, 0, false FROM unnest({ids}::text[]) AS c ORDER BY c ON CONFLICT (client_id) DO NOTHING",
            cancellationToken);
        var states = await db.ClientStates
            .FromSql($"SELECT * FROM client_states WHERE client_id = ANY({ids}) ORDER BY client_id FOR UPDATE")
            .ToListAsync(cancellationToken);
        return states.ToDictionary(s => s.ClientId, StringComparer.Ordinal);
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> clients whose next check is due, skipping those another transaction holds (a batch
    /// applying their events settles them itself; another sweeper takes others).
    /// </summary>
    public async Task<List<ClientState>> ClaimDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        await db.ClientStates
            .FromSql($"SELECT * FROM client_states WHERE next_check_at <= {StoredTime.Of(now)} ORDER BY next_check_at LIMIT {limit} FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
}
