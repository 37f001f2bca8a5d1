using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace Platform.Content.Feed;

/// <summary>
/// The clients whose profile changed but whose cached feed Redis has not yet taken the tombstone
/// of (Redis was away or refused writes at the commit): their feeds are worked out from the
/// database and not cached until it has, so a copy that outlived its invalidation is never served
/// (a client reassessed down must stop seeing riskier products at once). Known from the stored
/// requests, read by every replica's retry loop; a replica whose own tombstone failed knows at once.
/// When more requests wait than one read holds, every feed bypasses the cache.
/// </summary>
/// <remarks>
/// Fails closed: until the first read of the stored requests, and whenever the last one that succeeded started more
/// than <see cref="FeedOptions.InvalidationsBound"/> ago (the loop fails or hangs), the pending set is unknown and no
/// copy is trusted. So another replica's missed tombstone is honoured here at most that long after its commit.
/// </remarks>
public sealed class PendingInvalidations(IOptions<FeedOptions> options, TimeProvider time)
{
    private volatile FrozenSet<string> stored = FrozenSet<string>.Empty;
    private volatile bool overflow = true;
    private long readStartedAt;
    private readonly Lock local = new();

    /// <summary>This replica's failed tombstones, each with the sequence number of its failure.</summary>
    private readonly Dictionary<string, long> failedHere = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> inFlight = new(StringComparer.Ordinal);
    private long sequence;

    public bool Contains(string clientId)
    {
        if (overflow || stored.Contains(clientId)
            || time.GetUtcNow().UtcTicks - Interlocked.Read(ref readStartedAt) > options.Value.InvalidationsBound().Ticks)
        {
            return true;
        }

        lock (local)
        {
            return failedHere.ContainsKey(clientId) || inFlight.ContainsKey(clientId);
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

    /// <summary>This replica's tombstones for these clients failed: bypass their copies until a read of the stored requests that started later.</summary>
    public void FailedHere(IEnumerable<string> clientIds)
    {
        lock (local)
        {
            sequence++;
            foreach (var clientId in clientIds)
            {
                failedHere[clientId] = sequence;
            }
        }
    }

    /// <summary>Call just before reading the stored requests; hand the mark to <see cref="Stored"/>.</summary>
    public StoredRead ReadStarting()
    {
        lock (local)
        {
            return new StoredRead(sequence, time.GetUtcNow());
        }
    }

    /// <summary>
    /// What the retry loop read, from a read that began at <paramref name="read"/>: the clients still waiting (all of them
    /// unless <paramref name="more"/>). Failures recorded here before the read began are in it (their requests were
    /// committed before); a failure recorded since may not be, so it stays.
    /// </summary>
    public void Stored(IEnumerable<string> clientIds, bool more, StoredRead read)
    {
        stored = clientIds.ToFrozenSet(StringComparer.Ordinal);
        overflow = more;
        lock (local)
        {
            foreach (var (clientId, failedAt) in failedHere.ToList())
            {
                if (failedAt <= read.Sequence)
                {
                    failedHere.Remove(clientId);
                }
            }

            if (read.StartedAt.UtcTicks > readStartedAt)
            {
                Interlocked.Exchange(ref readStartedAt, read.StartedAt.UtcTicks);
            }
        }
    }

    /// <summary>The database could not be read: no copy is trusted until it can.</summary>
    public void Unknown() => overflow = true;
}
