using StackExchange.Redis;

namespace Platform.Content.Feed;

/// <summary>
/// Which Redis data the copies live in: its process (<c>run_id</c>, new at every start) and its replication history
/// (<c>master_replid</c>, new when a replica is promoted). Either changing means acknowledged writes may have been lost
/// (a restart from an AOF up to a second old, a failover before replication), tombstones included, so the retry loop
/// writes the recent ones again. Redis reconnecting is the first sign: no copy is trusted from then until the loop has
/// looked (<see cref="PendingInvalidations.Unknown"/>).
/// </summary>
public sealed partial class RedisIncarnation
{
    private readonly IConnectionMultiplexer redis;
    private readonly ILogger<RedisIncarnation> logger;

    public RedisIncarnation(IConnectionMultiplexer redis, PendingInvalidations pending, ILogger<RedisIncarnation> logger)
    {
        (this.redis, this.logger) = (redis, logger);
        redis.ConnectionRestored += (_, _) => pending.Unknown();
    }

    /// <summary>
    /// Both ids in one round trip. INFO runs inside a script: StackExchange.Redis refuses INFO outside admin mode (a
    /// client-side guard meant for FLUSHALL and the like), and admin mode is not something to give a feed cache.
    /// </summary>
    private const string ReadIds = """
        local server = redis.call('INFO', 'server')
        local replication = redis.call('INFO', 'replication')
        return { string.match(server, 'run_id:(%w+)'), string.match(replication, 'master_replid:(%w+)') }
        """;

    /// <summary>"run_id/master_replid", or null when Redis does not answer (its copies cannot be read either).</summary>
    public async Task<string?> CurrentAsync()
    {
        if (!redis.IsConnected)
        {
            return null;
        }

        try
        {
            var ids = (RedisResult[]?)await redis.GetDatabase().ScriptEvaluateAsync(ReadIds);
            return ids is [var runId, var replicationId] && !runId.IsNull && !replicationId.IsNull ? $"{(string?)runId}/{(string?)replicationId}" : null;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogUnavailable(logger, ex);
            return null;
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Could not read Redis's run id and replication id")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}
