using Platform.TestSupport.Redis;
using StackExchange.Redis;

namespace Platform.Content.Tests.Feed;

/// <summary>A Redis that keeps answering reads but refuses every write (maxmemory reached with noeviction), as under memory pressure.</summary>
public static class RedisWrites
{
    public static async Task RefuseAsync(RedisServer redis, bool refuse)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        await server.ConfigSetAsync("maxmemory-policy", "noeviction");
        await server.ConfigSetAsync("maxmemory", refuse ? "1" : "0");
    }
}
