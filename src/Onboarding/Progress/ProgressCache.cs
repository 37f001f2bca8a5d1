using Google.Protobuf;
using Platform.Onboarding.Funnel;
using Platform.Onboarding.Grpc;
using StackExchange.Redis;
using GrpcTimestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Platform.Onboarding.Progress;

/// <summary>
/// "Where did I stop, what is next", cache-aside in Redis: refreshed after every commit that
/// changes a client's progress, read first by GetProgress. Redis only ever holds a copy: when it
/// is down or slow, reads fall back to PostgreSQL and writes are skipped (the TTL bounds how
/// long a copy missed during an outage can stay stale).
/// </summary>
public sealed partial class ProgressCache(IConnectionMultiplexer redis, FunnelDefinitionStore definitions, ILogger<ProgressCache> logger)
{
    private static readonly TimeSpan TimeToLive = TimeSpan.FromHours(1);

    public static RedisKey Key(string clientId) => $"onboarding:progress:{clientId}";

    public async Task<ProgressReply?> GetAsync(string clientId)
    {
        if (!redis.IsConnected)
        {
            return null;
        }

        try
        {
            var cached = await redis.GetDatabase().StringGetAsync(Key(clientId));
            return cached.HasValue ? ProgressReply.Parser.ParseFrom((byte[])cached!) : null;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or InvalidProtocolBufferException)
        {
            LogCacheUnavailable(logger, ex);
            return null;
        }
    }

    public async Task<ProgressReply> RefreshAsync(ClientFunnel funnel, CancellationToken cancellationToken) =>
        (await RefreshAllAsync([funnel], cancellationToken))[0];

    /// <summary>Refreshes many clients' copies, pipelined: one round trip's worth of waiting for the lot.</summary>
    public async Task<IReadOnlyList<ProgressReply>> RefreshAllAsync(IEnumerable<ClientFunnel> funnels, CancellationToken cancellationToken)
    {
        var replies = new List<ProgressReply>();
        foreach (var funnel in funnels)
        {
            var definition = await definitions.GetAsync(funnel.Funnel, funnel.FunnelVersion, cancellationToken)
                ?? throw new InvalidOperationException($"Funnel {funnel.Funnel} v{funnel.FunnelVersion} is missing.");
            replies.Add(ToReply(funnel, definition));
        }

        if (replies.Count == 0 || !redis.IsConnected)
        {
            return replies;
        }

        try
        {
            var database = redis.GetDatabase();
            await Task.WhenAll(replies.Select(reply => database.StringSetAsync(Key(reply.ClientId), reply.ToByteArray(), TimeToLive)));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogCacheUnavailable(logger, ex);
        }

        return replies;
    }

    public static ProgressReply ToReply(ClientFunnel funnel, FunnelDefinition definition)
    {
        var reply = new ProgressReply
        {
            ClientId = funnel.ClientId,
            Funnel = funnel.Funnel,
            Status = funnel.Status.ToWireName(),
            CurrentStep = funnel.CurrentStep.ToWireName(),
            NextStep = funnel.NextStep(definition)?.ToWireName() ?? string.Empty,
            LastActivityAt = GrpcTimestamp.FromDateTimeOffset(funnel.LastActivityAt),
            StalledSince = funnel.StalledSince is { } since ? GrpcTimestamp.FromDateTimeOffset(since) : null,
        };
        reply.CompletedSteps.AddRange(funnel.CompletedSteps(definition).Select(s => s.ToWireName()));
        return reply;
    }

    [LoggerMessage(1, LogLevel.Debug, "Progress cache unavailable; using the database")]
    private static partial void LogCacheUnavailable(ILogger logger, Exception exception);
}
