using Google.Protobuf.WellKnownTypes;
using Platform.Messaging.Envelope;
using Platform.ServiceDefaults.Caching;
using Platform.Tiering.Grpc;
using StackExchange.Redis;
using Amount = Platform.Tiering.Events.Amount;

namespace Platform.Tiering.Tiers;

/// <summary>"What is my tier", cache-aside in Redis: refreshed after every commit that changes it, read first by GetTier.</summary>
public sealed class TierCache(RedisCopies copies)
{
    private static readonly TimeSpan TimeToLive = TimeSpan.FromHours(1);

    public static RedisKey Key(string clientId) => $"tiering:tier:{clientId}";

    public Task<TierReply?> GetAsync(string clientId) => copies.GetAsync(Key(clientId), TierReply.Parser);

    public async Task<TierReply> RefreshAsync(ClientTier client, TierTable table, CancellationToken cancellationToken)
    {
        var reply = ToReply(client, table);
        await copies.SetAsync([new VersionedCopy(Key(client.ClientId), reply, client.Version)], TimeToLive);
        return reply;
    }

    /// <summary>Refreshes many clients' copies pipelined: a sweep's batch waits for one round trip, not one per client.</summary>
    public Task RefreshAsync(IEnumerable<(ClientTier Client, TierTable Table)> clients) =>
        copies.SetAsync(clients.Select(c => new VersionedCopy(Key(c.Client.ClientId), ToReply(c.Client, c.Table), c.Client.Version)), TimeToLive);

    /// <summary>Forgets the client's copy for good (an erased client): no read-through fill brings it back.</summary>
    public Task<bool> ForgetAsync(string clientId) => copies.ForgetAsync([Key(clientId)], TimeToLive);

    public static TierReply ToReply(ClientTier client, TierTable table)
    {
        var reply = new TierReply
        {
            ClientId = client.ClientId,
            Tier = client.Tier.ToString(),
            Journey = client.Tier.JourneyOf().ToWireName(),
            AverageDailyAssets = client.AverageDailyAssets.ToExact<Amount>(),
            Since = Timestamp.FromDateTimeOffset(client.Since),
        };
        if (client.AmountToNextTier(table) is { } toNext)
        {
            reply.NextTier = (client.Tier + 1).ToString();
            reply.AmountToNextTier = toNext.ToExact<Amount>();
        }

        if (client.Warning is { } warning)
        {
            reply.DowngradeWarning = new Grpc.DowngradeWarning
            {
                IssuedAt = Timestamp.FromDateTimeOffset(warning.IssuedAt), ReviewAt = Timestamp.FromDateTimeOffset(warning.ReviewAt),
            };
        }

        return reply;
    }
}
