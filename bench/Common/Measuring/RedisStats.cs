using System.Globalization;
using StackExchange.Redis;

namespace Platform.Bench.Common.Measuring;

/// <summary>
/// Redis's own counters: key lookups (INFO stats: keyspace_hits, keyspace_misses) and the calls of the commands a
/// cache-aside copy uses (INFO commandstats: GET reads a copy, EVAL/EVALSHA writes one through RedisCopies' version
/// check). In a run where only one service's cache uses Redis, their difference over a window describes that cache.
/// </summary>
public sealed record RedisStats(long Hits, long Misses, long GetCalls, long ScriptCalls)
{
    public static async Task<RedisStats> ReadAsync(string connectionString)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(connectionString + ",allowAdmin=true");
        var server = redis.GetServers()[0];
        var stats = (await server.InfoAsync("stats")).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value);
        var commands = (await server.InfoAsync("commandstats")).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value);
        return new RedisStats(long.Parse(stats["keyspace_hits"], CultureInfo.InvariantCulture), long.Parse(stats["keyspace_misses"], CultureInfo.InvariantCulture),
            Calls(commands, "get"), Calls(commands, "eval") + Calls(commands, "evalsha"));
    }

    /// <summary>Empties the cache: the read phase starts as an hour after the recalculation, when the copies it wrote have expired.</summary>
    public static async Task FlushAsync(string connectionString)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(connectionString + ",allowAdmin=true");
        await redis.GetServers()[0].FlushAllDatabasesAsync();
    }

    public static RedisStats operator -(RedisStats after, RedisStats before) =>
        new(after.Hits - before.Hits, after.Misses - before.Misses, after.GetCalls - before.GetCalls, after.ScriptCalls - before.ScriptCalls);

    public double HitRatio => Hits + Misses == 0 ? double.NaN : (double)Hits / (Hits + Misses);

    /// <summary>"cmdstat_get" is "calls=12,usec=...,...": the calls, or 0 for a command never called.</summary>
    private static long Calls(Dictionary<string, string> commands, string command) =>
        commands.TryGetValue("cmdstat_" + command, out var line)
            ? long.Parse(line.Split(',')[0].Split('=')[1], CultureInfo.InvariantCulture)
            : 0;
}
