using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Time;

namespace Platform.Content.Feed;

/// <summary>
/// The invalidations one unit of work asks for: each is stored in the work's transaction
/// (<see cref="RequestAsync"/>), then written to Redis once the transaction committed
/// (<see cref="AfterCommitAsync"/>); what Redis misses, the retry loop writes later.
/// </summary>
public sealed class FeedInvalidations(ContentDbContext db, FeedCopies copies, PendingInvalidations pending, IOptions<FeedOptions> options, TimeProvider time)
    : IDisposable
{
    private readonly Dictionary<string, long> requested = new(StringComparer.Ordinal);

    /// <summary>Stores the invalidations of the clients' profiles at those versions, in one statement.</summary>
    public async Task RequestAsync(IReadOnlyList<(string ClientId, long Version)> clients, CancellationToken cancellationToken)
    {
        foreach (var (clientId, _) in clients.Where(c => !requested.ContainsKey(c.ClientId)))
        {
            pending.Begin(clientId);
        }

        // One row per client in the statement (ON CONFLICT cannot touch a row twice); sorted, the order rows are locked in.
        var latest = clients.GroupBy(c => c.ClientId, StringComparer.Ordinal).Select(g => (ClientId: g.Key, Version: g.Max(c => c.Version)))
            .OrderBy(c => c.ClientId, StringComparer.Ordinal).ToList();
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO feed_invalidations AS i (client_id, version, requested_at)
            SELECT r.client_id, r.version, {StoredTime.Now(time)}
            FROM unnest({latest.Select(c => c.ClientId).ToArray()}::text[], {latest.Select(c => c.Version).ToArray()}::bigint[]) AS r(client_id, version)
            ON CONFLICT (client_id) DO UPDATE SET version = GREATEST(i.version, excluded.version), requested_at = excluded.requested_at,
                written_at = NULL
            """, cancellationToken);
        foreach (var (clientId, version) in latest)
        {
            requested[clientId] = Math.Max(version, requested.GetValueOrDefault(clientId));
        }
    }

    public async Task AfterCommitAsync(CancellationToken cancellationToken)
    {
        var clients = requested.Select(r => (r.Key, r.Value)).ToList();
        requested.Clear();
        try
        {
            if (clients.Count > 0 && !await WriteAsync(db, copies, clients, options.Value.CopyTimeToLive, time, cancellationToken))
            {
                pending.FailedHere(clients.Select(c => c.Item1));
            }
        }
        catch
        {
            pending.FailedHere(clients.Select(c => c.Item1));
            throw;
        }
        finally
        {
            pending.End(clients.Select(c => c.Item1));
        }
    }

    /// <summary>A unit of work that never committed (a handler that failed) leaves nothing in flight.</summary>
    public void Dispose()
    {
        pending.End(requested.Keys);
        requested.Clear();
    }

    /// <summary>
    /// Writes the tombstones and, when Redis took them, marks the stored requests they answer written (a newer request stays
    /// pending). The rows are kept for <paramref name="timeToLive"/>: see <see cref="FeedInvalidation"/>.
    /// </summary>
    internal static async Task<bool> WriteAsync(
        ContentDbContext db, FeedCopies copies, IReadOnlyList<(string ClientId, long Version)> clients, TimeSpan timeToLive, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (clients.Count == 0 || !await copies.InvalidateAsync(clients, timeToLive))
        {
            return false;
        }

        var ids = clients.Select(c => c.ClientId).ToArray();
        var versions = clients.Select(c => c.Version).ToArray();
        await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE feed_invalidations i SET written_at = {StoredTime.Now(time)}
            FROM unnest({ids}::text[], {versions}::bigint[]) AS done(client_id, version)
            WHERE i.client_id = done.client_id AND i.version <= done.version AND i.written_at IS NULL
            """, cancellationToken);
        return true;
    }
}
