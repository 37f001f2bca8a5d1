using Platform.ServiceDefaults.Caching;
using StackExchange.Redis;

namespace Platform.Content.Feed;

/// <summary>Clients' feeds in Redis, versioned by their profile's version; an invalidation is a tombstone of the new version.</summary>
public sealed class FeedCopies(RedisCopies copies)
{
    public static RedisKey Key(string clientId) => $"content:feed:{clientId}";

    public async Task<FeedCopy?> GetAsync(string clientId) => (await copies.GetAsync(Key(clientId), FeedCopy.Parser)) is { Invalidated: false } copy ? copy : null;

    public Task FillAsync(string clientId, FeedCopy copy, long profileVersion, TimeSpan timeToLive) =>
        copies.SetAsync([new VersionedCopy(Key(clientId), copy, profileVersion)], timeToLive);

    /// <summary>True when Redis holds the tombstones: no fill from an older profile can land after them.</summary>
    public Task<bool> InvalidateAsync(IEnumerable<(string ClientId, long Version)> clients, TimeSpan timeToLive) =>
        copies.SetAsync(clients.Select(c => new VersionedCopy(Key(c.ClientId), new FeedCopy { Invalidated = true }, c.Version)), timeToLive);
}
