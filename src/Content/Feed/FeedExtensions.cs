namespace Platform.Content.Feed;

public static class FeedExtensions
{
    /// <summary>Feeds and their Redis copies, invalidations, and how often the catalogue snapshot is confirmed current.</summary>
    public static IHostApplicationBuilder AddFeeds(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FeedOptions>().BindConfiguration("Content:Feed").ValidateOnStart()
            .Validate(o => o.CopyTimeToLive > TimeSpan.Zero && o.InvalidationRetryInterval > TimeSpan.Zero && o.CatalogRefreshInterval > TimeSpan.Zero
                    && o.CatalogBound() > TimeSpan.Zero && o.InvalidationsBound() > TimeSpan.Zero,
                "Content:Feed: CopyTimeToLive, InvalidationRetryInterval, CatalogRefreshInterval, CatalogStaleAfter and InvalidationsStaleAfter must be positive");
        builder.Services.AddSingleton<FeedCopies>();
        builder.Services.AddSingleton<PendingInvalidations>();
        builder.Services.AddSingleton<RedisIncarnation>();
        builder.Services.AddScoped<FeedInvalidations>();
        builder.Services.AddSingleton<InvalidationRetryWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InvalidationRetryWorker>());
        builder.Services.AddScoped<FeedReader>();
        builder.Services.AddHealthChecks().AddCheck<CatalogReadinessCheck>("content-catalogue", tags: ["ready"]);
        return builder;
    }

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<FeedGrpcService>();
        return endpoints;
    }
}
