using System.Globalization;
using System.Text;
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
/// <remarks>
/// Every copy carries the version of the rows it was made from (a number that grows with every
/// commit that changes them), and a write never replaces a newer copy: a read-through fill that
/// read the database before a commit, or the refreshes of two commits, may land in any order, and
/// the newest one wins. Stored as the version in <see cref="VersionDigits"/> ASCII digits followed
/// by the protobuf bytes, so a read is still one GET; the comparison runs in Redis (a script), so
/// no other writer can land between the check and the write.
/// </remarks>
public sealed partial class RedisCopies(IConnectionMultiplexer redis, ILogger<RedisCopies> logger, string keyPrefix = "")
{
    /// <summary>Digits of the version prefix: enough for any long, compared as a number by the script.</summary>
    public const int VersionDigits = 19;

    // The largest version and no value: every SetIfNotOlder after it is older.
    private static readonly byte[] Forgotten = Encoding.ASCII.GetBytes(long.MaxValue.ToString(CultureInfo.InvariantCulture));

    // Digits compared as numbers, not strings (Lua string order follows the server's locale); a
    // value without a numeric prefix (an older format) is replaced. Versions stay far below 2^53,
    // where Lua's numbers are exact.
    private const string SetIfNotOlder = """
        local current = redis.call('GETRANGE', KEYS[1], 0, 18)
        local version = tonumber(current)
        if version ~= nil and string.len(current) == 19 and version > tonumber(ARGV[2]) then
          return 0
        end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
        return 1
        """;

    /// <summary>The copy under <paramref name="key"/>, or null: none, unreadable, or Redis unavailable.</summary>
    public async Task<T?> GetAsync<T>(RedisKey key, MessageParser<T> parser) where T : class, IMessage<T> =>
        (await GetVersionedAsync(key, parser))?.Value;

    /// <summary>The copy under <paramref name="key"/> with its version, or null: none, unreadable, or Redis unavailable.</summary>
    public async Task<(T Value, long Version)?> GetVersionedAsync<T>(RedisKey key, MessageParser<T> parser) where T : class, IMessage<T>
    {
        if (!redis.IsConnected)
        {
            return null;
        }

        try
        {
            var cached = await redis.GetDatabase().StringGetAsync(key.Prepend(keyPrefix));
            return cached.HasValue && Decode((byte[])cached!, parser) is { } copy ? copy : null;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or InvalidProtocolBufferException)
        {
            LogUnavailable(logger, ex);
            return null;
        }
    }

    /// <summary>
    /// Writes the copies, pipelined (one round trip's worth of waiting for the lot); a copy older
    /// than the one Redis holds is dropped. True when Redis answered for every copy (written or
    /// dropped as older); false when Redis was unavailable, for a caller that must retry.
    /// </summary>
    public Task<bool> SetAsync(IEnumerable<VersionedCopy> copies, TimeSpan timeToLive)
    {
        var milliseconds = (long)timeToLive.TotalMilliseconds;
        return WriteAsync(copies.ToList(), (database, copy) => database.ScriptEvaluateAsync(SetIfNotOlder,
            [copy.Key.Prepend(keyPrefix)], [Encode(copy), copy.Version, milliseconds]));
    }

    /// <summary>
    /// Replaces the copies with a marker that reads as none and that no copy ever replaces (its version is the
    /// largest), for <paramref name="timeToLive"/>: for data erased for good, where a read-through fill that read
    /// the rows before they were deleted must not bring a copy back. True when Redis answered for every key.
    /// </summary>
    public Task<bool> ForgetAsync(IEnumerable<RedisKey> keys, TimeSpan timeToLive) =>
        WriteAsync(keys.ToList(), (database, key) => database.StringSetAsync(key.Prepend(keyPrefix), Forgotten, timeToLive));

    /// <summary>One write per item, pipelined; true when Redis answered for every one, false when it was unavailable.</summary>
    private async Task<bool> WriteAsync<T>(List<T> items, Func<IDatabase, T, Task> write)
    {
        if (items.Count == 0)
        {
            return true;
        }

        if (!redis.IsConnected)
        {
            return false;
        }

        try
        {
            var database = redis.GetDatabase();
            await Task.WhenAll(items.Select(item => write(database, item)));
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogUnavailable(logger, ex);
            return false;
        }
    }

    private static byte[] Encode(VersionedCopy copy)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(copy.Version);
        var prefix = Encoding.ASCII.GetBytes(copy.Version.ToString(new string('0', VersionDigits), CultureInfo.InvariantCulture));
        var payload = copy.Value.ToByteArray();
        var bytes = new byte[prefix.Length + payload.Length];
        prefix.CopyTo(bytes, 0);
        payload.CopyTo(bytes, prefix.Length);
        return bytes;
    }

    private static (T Value, long Version)? Decode<T>(byte[] stored, MessageParser<T> parser) where T : class, IMessage<T>
    {
        if (stored.Length < VersionDigits
            || !long.TryParse(stored.AsSpan(0, VersionDigits), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return null; // written in an older format: a miss, which the next write replaces
        }

        if (version == long.MaxValue)
        {
            return null; // forgotten (ForgetAsync): a miss that no fill replaces
        }

        return (parser.ParseFrom(stored.AsSpan(VersionDigits)), version);
    }

    [LoggerMessage(1, LogLevel.Debug, "Redis unavailable for cached copies; using the database")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}

/// <summary>A copy to cache under <paramref name="Key"/>, made from rows at <paramref name="Version"/> (which grows with every commit that changes them).</summary>
public readonly record struct VersionedCopy(RedisKey Key, IMessage Value, long Version);
