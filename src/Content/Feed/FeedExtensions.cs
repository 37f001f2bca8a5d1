using Platform.Content.Selection;

namespace Platform.Content.Feed;

public static class FeedExtensions
{
    /// <summary>The catalogue snapshot, feeds and their Redis copies, invalidations, and outreach selection.</summary>
    public static IHostApplicationBuilder AddFeeds(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FeedOptions>().BindConfiguration("Content:Feed").ValidateOnStart()
            .Validate(o => o.CopyTimeToLive > TimeSpan.Zero && o.InvalidationRetryInterval > TimeSpan.Zero && o.CatalogRefreshInterval > TimeSpan.Zero,
                "Content:Feed: CopyTimeToLive, InvalidationRetryInterval and CatalogRefreshInterval must be positive");
        builder.Services.AddOptions<ChannelLimits>().BindConfiguration("Content:Channels").ValidateOnStart()
            .Validate(o => o.SmsMaxLength > 0 && o.PushMaxTitleLength > 0 && o.PushMaxBodyLength > 0, "Content:Channels: every limit must be positive");
        builder.Services.AddSingleton<CatalogCache>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CatalogCache>());
        builder.Services.AddSingleton<FeedCopies>();
        builder.Services.AddSingleton<PendingInvalidations>();
        builder.Services.AddScoped<FeedInvalidations>();
        builder.Services.AddSingleton<InvalidationRetryWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InvalidationRetryWorker>());
        builder.Services.AddScoped<FeedReader>();
        return builder;
    }

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<FeedGrpcService>();
        endpoints.MapGrpcService<SelectionGrpcService>();
        return endpoints;
    }
}
