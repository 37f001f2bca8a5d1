using Platform.Onboarding.Funnel;
using Platform.Onboarding.Grpc;
using Platform.ServiceDefaults.Caching;
using StackExchange.Redis;
using GrpcTimestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Platform.Onboarding.Progress;

/// <summary>
/// "Where did I stop, what is next", cache-aside in Redis (<see cref="RedisCopies"/>): refreshed
/// after every commit that changes a client's progress, read first by GetProgress, which falls
/// back to PostgreSQL when Redis has no copy or is down. Copies carry the row's version, so a
/// read-through fill that read the row before a commit never replaces that commit's copy.
/// </summary>
public sealed class ProgressCache(RedisCopies copies, FunnelDefinitionStore definitions)
{
    private static readonly TimeSpan TimeToLive = TimeSpan.FromHours(1);

    public static RedisKey Key(string clientId) => $"onboarding:progress:{clientId}";

    public Task<ProgressReply?> GetAsync(string clientId) => copies.GetAsync(Key(clientId), ProgressReply.Parser);

    public async Task<ProgressReply> RefreshAsync(ClientFunnel funnel, CancellationToken cancellationToken) =>
        (await RefreshAllAsync([funnel], cancellationToken))[0];

    /// <summary>Refreshes many clients' copies, pipelined: one round trip's worth of waiting for the lot.</summary>
    public async Task<IReadOnlyList<ProgressReply>> RefreshAllAsync(IEnumerable<ClientFunnel> funnels, CancellationToken cancellationToken)
    {
        var replies = new List<ProgressReply>();
        var versioned = new List<VersionedCopy>();
        foreach (var funnel in funnels)
        {
            var definition = await definitions.GetAsync(funnel.Funnel, funnel.FunnelVersion, cancellationToken)
                ?? throw new InvalidOperationException($"Funnel {funnel.Funnel} v{funnel.FunnelVersion} is missing.");
            var reply = ToReply(funnel, definition);
            replies.Add(reply);
            versioned.Add(new VersionedCopy(Key(funnel.ClientId), reply, funnel.Version));
        }

        await copies.SetAsync(versioned, TimeToLive);
        return replies;
    }

    /// <summary>Forgets the client's copy for good (an erased client): no read-through fill brings it back.</summary>
    public Task<bool> ForgetAsync(string clientId) => copies.ForgetAsync([Key(clientId)], TimeToLive);

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
}
