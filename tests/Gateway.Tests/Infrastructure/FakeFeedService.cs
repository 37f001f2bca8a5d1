using System.Collections.Concurrent;
using Grpc.Core;
using Platform.Content.Grpc;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>Every client's feed is the same two rendered items, the second served as variant b of an experiment. A client id's prefix picks a misbehaviour.</summary>
public sealed class FakeFeedService : FeedService.FeedServiceBase
{
    private static readonly ServedItem[] Items =
    [
        new() { ItemId = "fund-a", Kind = "product", Title = "Fund A", Body = "Your tier is V3", Priority = 60, Version = 1 },
        new()
        {
            ItemId = "welcome-b", Kind = "insight", Title = "Welcome", Body = "Hello", Priority = 40, Version = 2,
            Experiment = new ExperimentArm { Key = "welcome-copy", Variant = "b" },
        },
    ];

    private readonly ConcurrentDictionary<string, FeedRequest> requests = new(StringComparer.Ordinal);

    /// <summary>The last request for a client, as the gateway sent it.</summary>
    public FeedRequest? LastRequest(string clientId) => requests.GetValueOrDefault(clientId);

    public override async Task<Feed> GetFeed(FeedRequest request, ServerCallContext context)
    {
        await FakeOnboardingService.Misbehave(request.ClientId, 1, context);
        requests[request.ClientId] = request;
        return new Feed { Items = { Items.Take(request.Limit) } };
    }
}
