using Platform.ServiceDefaults.Caching;
using StackExchange.Redis;

namespace Platform.Content.Feed;

/// <summary>Clients' feeds in Redis, versioned by their profile's version; an invalidation is a tombstone of the new version.</summary>
public sealed class FeedCopies(RedisCopies copies)
{
    /// <summary>
    /// Tombstones pipelined at once. Each command's timeout (the service's Redis AsyncTimeout, at most 1 s) runs from when it is
    /// sent, so the last of a pipeline waits for every answer before it: 1,000 at once (a drain batch) timed out whenever the
    /// client was held up reading them for a second (a loaded machine), and the whole batch rolled back. A chunk is awaited
    /// before the next is sent, so a command waits for at most this many.
    /// </summary>
    public const int PipelinedTombstones = 100;

    public static RedisKey Key(string clientId) => $"content:feed:{clientId}";

    public async Task<FeedCopy?> GetAsync(string clientId) => (await copies.GetAsync(Key(clientId), FeedCopy.Parser)) is { Invalidated: false } copy ? copy : null;

    public Task FillAsync(string clientId, FeedCopy copy, long profileVersion, TimeSpan timeToLive) =>
        copies.SetAsync([new VersionedCopy(Key(clientId), copy, profileVersion)], timeToLive);

    /// <summary>Forgets the client's copy for good (an erased client): no fill, however late, brings it back.</summary>
    public Task<bool> ForgetAsync(string clientId, TimeSpan timeToLive) => copies.ForgetAsync([Key(clientId)], timeToLive);

    /// <summary>
    /// True when Redis holds the tombstones: no fill from an older profile can land after them. False as soon as a chunk
    /// failed (the chunks before it stay written: a tombstone written twice is the same tombstone).
    /// </summary>
    public async Task<bool> InvalidateAsync(IEnumerable<(string ClientId, long Version)> clients, TimeSpan timeToLive)
    {
        foreach (var chunk in clients.Chunk(PipelinedTombstones))
        {
            if (!await copies.SetAsync(chunk.Select(c => new VersionedCopy(Key(c.ClientId), new FeedCopy { Invalidated = true }, c.Version)), timeToLive))
            {
                return false;
            }
        }

        return true;
    }
}
