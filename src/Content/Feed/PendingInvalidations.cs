using System.Collections.Frozen;

namespace Platform.Content.Feed;

/// <summary>
/// The clients whose profile changed but whose cached feed Redis has not yet taken the tombstone
/// of (Redis was away or refused writes at the commit): their feeds are worked out from the
/// database and not cached until it has, so a copy that outlived its invalidation is never served
/// (a client reassessed down must stop seeing riskier products at once). Known from the stored
/// requests, read by every replica's retry loop; a replica whose own tombstone failed knows at once.
/// When more requests wait than one read holds, every feed bypasses the cache.
/// </summary>
public sealed class PendingInvalidations
{
    private volatile FrozenSet<string> stored = FrozenSet<string>.Empty;
    private volatile bool overflow;
    private readonly Lock local = new();
    private HashSet<string> failedHere = [];
    private readonly Dictionary<string, int> inFlight = new(StringComparer.Ordinal);

    public bool Contains(string clientId)
    {
        if (overflow || stored.Contains(clientId))
        {
            return true;
        }

        lock (local)
        {
            return failedHere.Contains(clientId) || inFlight.ContainsKey(clientId);
        }
    }

    /// <summary>
    /// A change of this client's profile is being committed here: its copy is bypassed from before
    /// the commit until the tombstone is written (or the change rolled back), so this replica never
    /// serves the old copy in between.
    /// </summary>
    public void Begin(string clientId)
    {
        lock (local)
        {
            inFlight[clientId] = inFlight.GetValueOrDefault(clientId) + 1;
        }
    }

    public void End(IEnumerable<string> clientIds)
    {
        lock (local)
        {
            foreach (var clientId in clientIds)
            {
                if (inFlight.TryGetValue(clientId, out var count) && count > 1)
                {
                    inFlight[clientId] = count - 1;
                }
                else
                {
                    inFlight.Remove(clientId);
                }
            }
        }
    }

    /// <summary>This replica's tombstones for these clients failed: bypass their copies until the stored requests are gone.</summary>
    public void FailedHere(IEnumerable<string> clientIds)
    {
        lock (local)
        {
            failedHere.UnionWith(clientIds);
        }
    }

    /// <summary>What the retry loop read: the clients still waiting (all of them unless <paramref name="more"/>).</summary>
    public void Stored(IEnumerable<string> clientIds, bool more)
    {
        stored = clientIds.ToFrozenSet(StringComparer.Ordinal);
        overflow = more;
        lock (local)
        {
            failedHere = [];
        }
    }

    /// <summary>The database could not be read: no copy is trusted until it can.</summary>
    public void Unknown() => overflow = true;
}
