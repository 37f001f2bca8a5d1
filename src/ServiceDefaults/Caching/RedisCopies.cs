using Google.Protobuf;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Platform.ServiceDefaults.Caching;

/// <summary>
/// Cache-aside copies of protobuf replies in Redis. Redis only ever holds a copy: when it is down
/// or slow, reads miss (the caller answers from the database) and writes are skipped (the TTL
/// bounds how long a copy missed during an outage can stay stale). Keys carry the
/// <c>Redis:KeyPrefix</c> setting, so that deployments sharing a Redis but not a database (test
/// hosts, staging beside production) never read each other's copies.
/// </summary>
public sealed partial class RedisCopies(IConnectionMultiplexer redis, ILogger<RedisCopies> logger, string keyPrefix = "")
{
    /// <summary>The copy under <paramref name="key"/>, or null: none, unreadable, or Redis unavailable.</summary>
    public async Task<T?> GetAsync<T>(RedisKey key, MessageParser<T> parser) where T : class, IMessage<T>
    {
        if (!redis.IsConnected)
        {
            return null;
        }

        try
        {
            var cached = await redis.GetDatabase().StringGetAsync(key.Prepend(keyPrefix));
            return cached.HasValue ? parser.ParseFrom((byte[])cached!) : null;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or InvalidProtocolBufferException)
        {
            LogUnavailable(logger, ex);
            return null;
        }
    }

    /// <summary>Writes the copies, pipelined: one round trip's worth of waiting for the lot.</summary>
    public async Task SetAsync(IEnumerable<(RedisKey Key, IMessage Value)> copies, TimeSpan timeToLive)
    {
        var pending = copies.ToList();
        if (pending.Count == 0 || !redis.IsConnected)
        {
            return;
        }

        try
        {
            var database = redis.GetDatabase();
            await Task.WhenAll(pending.Select(copy => database.StringSetAsync(copy.Key.Prepend(keyPrefix), copy.Value.ToByteArray(), timeToLive)));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogUnavailable(logger, ex);
        }
    }

    [LoggerMessage(1, LogLevel.Debug, "Redis unavailable for cached copies; using the database")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}
