using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Platform.Engagement.Lifecycle;

/// <summary>
/// The client states this replica last committed or read, each with the row version it was read or written at (PostgreSQL's
/// <c>xmin</c>: every update of the row gives it a new one). A client's events come from one partition, so the member that
/// applies a batch of them usually wrote the client's row itself, one batch earlier: reading it again, locked, was the
/// most expensive statement of a batch and most of the consumer's own work in reading. The copy is never trusted on its
/// own: the batch's UPDATE writes a row only where the version is still the one cached, and a row that another transaction
/// changed meanwhile (the sweeper, an erasure, another replica after a rebalance) is read again, locked, and its events
/// applied again (<see cref="ClientStateStore"/>). A copy is stored only after its transaction committed.
/// </summary>
public sealed class ClientStateCache(IOptionsMonitor<LifecycleOptions> options)
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>A state as stored (never changed once cached: callers work on a copy) and the row version it is of.</summary>
    public readonly record struct Entry(ClientState State, uint Version);

    public int Count => entries.Count;

    public bool TryGet(string clientId, out Entry entry) => entries.TryGetValue(clientId, out entry);

    /// <summary>
    /// Keeps committed states. At the size limit the cache starts over rather than tracking what was used last: a miss costs
    /// one read, and a deployment sizes the limit above the clients active within a few minutes.
    /// </summary>
    public void Put(IReadOnlyCollection<Entry> committed)
    {
        var limit = options.CurrentValue.StateCacheSize;
        if (limit <= 0 || committed.Count == 0)
        {
            return;
        }

        // Count takes every lock of the dictionary: once per batch, not per state.
        if (entries.Count + committed.Count > limit)
        {
            entries.Clear();
        }

        foreach (var entry in committed.Take(limit))
        {
            entries[entry.State.ClientId] = entry;
        }
    }

    /// <summary>Forgets the clients (an erasure: no copy of what it removed stays in memory).</summary>
    public void Forget(IEnumerable<string> clientIds)
    {
        foreach (var clientId in clientIds)
        {
            entries.TryRemove(clientId, out _);
        }
    }
}
