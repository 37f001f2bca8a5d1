using Grpc.AspNetCore.Server;
using Platform.Content.Feed;

namespace Platform.Content.Benchmark;

/// <summary>
/// <c>Content:Benchmark:AnswerFeedsFromMemory</c> (default false): the benchmark's hop-chain phase (bench/Content) measures
/// gateway -> gRPC -> Content with a feed that comes from memory, no PostgreSQL and no Redis: the ceiling of this design on
/// the machine. A service with it on shows every client the same feed, so it is refused outside the Development environment
/// (the one local mode and the benchmarks run in), and it is decided once at start: when off, nothing is added to the feed route.
/// </summary>
public static class BenchmarkSwitch
{
    public const string AnswerFeedsFromMemoryKey = "Content:Benchmark:AnswerFeedsFromMemory";

    public static IHostApplicationBuilder AddBenchmarkSwitch(this IHostApplicationBuilder builder)
    {
        if (!builder.IsBenchmarkSwitchOn(AnswerFeedsFromMemoryKey, "every client would be shown the same feed, held in memory"))
        {
            return builder;
        }

        // One instance for the service's life: it holds the feed. An interceptor of the feed service only, so that the
        // call is authenticated and authorised as always (endpoint metadata) before it answers.
        builder.Services.AddSingleton<MemoryFeedInterceptor>();
        builder.Services.AddGrpc().AddServiceOptions<FeedGrpcService>(options => options.Interceptors.Add<MemoryFeedInterceptor>());
        return builder;
    }
}
