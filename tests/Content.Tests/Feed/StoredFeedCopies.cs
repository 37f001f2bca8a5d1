using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Content.Feed;
using Platform.ServiceDefaults.Caching;
using StackExchange.Redis;

namespace Platform.Content.Tests.Feed;

/// <summary>What Redis holds for clients' feeds, read as a test sees it (not through a service).</summary>
public static class StoredFeedCopies
{
    /// <summary>The copies (a tombstone included) under the hosts' key prefix, with their versions; a missing one is null.</summary>
    public static async Task<(FeedCopy Copy, long Version)?[]> GetAsync(string redis, string keyPrefix, IReadOnlyList<string> clientIds)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis);
        var found = new List<(FeedCopy, long)?>(clientIds.Count);
        foreach (var chunk in clientIds.Chunk(1000))
        {
            var values = await connection.GetDatabase().StringGetAsync([.. chunk.Select(c => FeedCopies.Key(c).Prepend(keyPrefix))]);
            found.AddRange(values.Select(v => v.HasValue ? Decode((byte[])v!) : ((FeedCopy, long)?)null));
        }

        return [.. found];
    }

    public static async Task<(FeedCopy Copy, long Version)?> GetAsync(string redis, string keyPrefix, string clientId) =>
        (await GetAsync(redis, keyPrefix, [clientId]))[0];

    /// <summary>The Redis key prefix of the host (and of every replica on its database).</summary>
    public static string KeyPrefixOf(ContentHost host) =>
        host.Service.Services.GetRequiredService<IConfiguration>()["Redis:KeyPrefix"] ?? "";

    private static (FeedCopy, long) Decode(byte[] stored) =>
        (FeedCopy.Parser.ParseFrom(stored.AsSpan(RedisCopies.VersionDigits)),
            long.Parse(stored.AsSpan(0, RedisCopies.VersionDigits), NumberStyles.None, CultureInfo.InvariantCulture));
}
