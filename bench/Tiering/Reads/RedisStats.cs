using System.Globalization;
using StackExchange.Redis;

namespace Platform.Bench.Tiering.Reads;

/// <summary>
/// Redis's own counters of key lookups (INFO stats: keyspace_hits, keyspace_misses). In this run
/// only Tiering's tier cache looks keys up (the gateway has no Redis), so their difference over a
/// window is the cache's hit ratio in that window.
/// </summary>
public sealed record RedisStats(long Hits, long Misses)
{
    public static async Task<RedisStats> ReadAsync(string connectionString)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(connectionString + ",allowAdmin=true");
        var stats = (await redis.GetServers()[0].InfoAsync("stats")).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value);
        return new RedisStats(long.Parse(stats["keyspace_hits"], CultureInfo.InvariantCulture), long.Parse(stats["keyspace_misses"], CultureInfo.InvariantCulture));
    }

    /// <summary>Empties the cache: the read phase starts as an hour after the recalculation, when the copies it wrote have expired.</summary>
    public static async Task FlushAsync(string connectionString)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(connectionString + ",allowAdmin=true");
        await redis.GetServers()[0].FlushAllDatabasesAsync();
    }

    public static RedisStats operator -(RedisStats after, RedisStats before) => new(after.Hits - before.Hits, after.Misses - before.Misses);

    public double HitRatio => Hits + Misses == 0 ? double.NaN : (double)Hits / (Hits + Misses);
}
