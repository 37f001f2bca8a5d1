using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;
using Platform.Content.Feed;
using Platform.Content.Grpc;
using Platform.Content.Profiles;
using Platform.Content.Selection;
using Platform.ServiceDefaults.Validation;

namespace Platform.Content.Benchmark;

/// <summary>
/// Answers a valid feed request from memory: one feed, worked out from the catalogue snapshot for <see cref="Representative"/>
/// once per snapshot version, sliced to the request's limit. The call was authenticated and authorised as always, and a
/// client still reads only its own id; a request the service would refuse goes on to it, which answers its error. No
/// profile read, no Redis, no exposure. Only with <see cref="BenchmarkSwitch.AnswerFeedsFromMemoryKey"/>.
/// </summary>
internal sealed class MemoryFeedInterceptor(CatalogCache catalog, IOptions<ChannelLimits> limits, TimeProvider time) : Interceptor
{
    private volatile HeldFeed? held;

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (request is not FeedRequest feed || !IsValid(feed))
        {
            return await continuation(request, context);
        }

        context.EnsureMayActFor(feed.ClientId);
        var items = await ItemsAsync(context.CancellationToken);
        return (TResponse)(object)new Grpc.Feed { Items = { items.Take(feed.Limit == 0 ? FeedOptions.DefaultLimit : feed.Limit) } };
    }

    /// <summary>
    /// A typical approved client (tier V2 near V3, funded, trading in the last days, with operator tags) but without a risk
    /// assessment: the held feed goes to every caller, unassessed prospects included, so it must be suitable for the least
    /// tolerant of them, and a client without an assessment sees no product at all (<see cref="Targeting.Suitability"/>).
    /// Even the benchmark never shows a product to a client it does not suit. The benchmark prints the answers' size of each
    /// phase, so that the feed held here can be compared with the real ones.
    /// </summary>
    public static ClientProfile Representative(DateTimeOffset now) => new()
    {
        ClientId = "benchmark-representative", RiskTolerance = null, Tier = "V2", AmountToNextTier = 12_000m, Channel = "short_video",
        RegisteredAt = now.AddDays(-120), ApprovedAt = now.AddDays(-118), FundedAt = now.AddDays(-110), LastTradeAt = now.AddDays(-2),
        OperatorTags = ["age:35-44", "horizon:long", "interest:etf", "style:fundamental"], Version = 1,
    };

    private static bool IsValid(FeedRequest request) =>
        StorableText.Check(request.ClientId, ClientIds.MaxLength, required: true) is null && request.Limit is >= 0 and <= FeedOptions.MaxItems;

    private async ValueTask<Grpc.ServedItem[]> ItemsAsync(CancellationToken cancellationToken)
    {
        var snapshot = await catalog.GetAsync(cancellationToken);
        if (held is { } feed && feed.CatalogVersion == snapshot.Version)
        {
            return feed.Items;
        }

        var now = time.GetUtcNow();
        var items = ContentSelector.Select(snapshot, ClientView.Of(Representative(now), now), SelectionRequest.Feed, now, NoExperiments.Instance,
            limits.Value, FeedOptions.MaxItems).Select(FeedReader.ToGrpc).ToArray();
        held = new HeldFeed(snapshot.Version, items);
        return items;
    }

    private sealed record HeldFeed(long CatalogVersion, Grpc.ServedItem[] Items);

    /// <summary>The held feed is nobody's, so no experiment gates it: every item passes (the benchmark runs no experiment while it reads feeds).</summary>
    private sealed class NoExperiments : IExperimentGate
    {
        public static readonly NoExperiments Instance = new();

        public (bool Serve, Selection.ExperimentArm Arm)? Check(string itemId) => null;
    }
}
