namespace Platform.Content.Selection;

public static class SelectionExtensions
{
    /// <summary>The catalogue snapshot every feed and selection is worked out from, the channels' limits, and outreach selection.</summary>
    public static IHostApplicationBuilder AddSelection(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ChannelLimits>().BindConfiguration("Content:Channels").ValidateOnStart()
            .Validate(o => o.SmsMaxLength > 0 && o.PushMaxTitleLength > 0 && o.PushMaxBodyLength > 0, "Content:Channels: every limit must be positive");
        builder.Services.AddSingleton<CatalogTelemetry>();
        builder.Services.AddSingleton<CatalogCache>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CatalogCache>());
        return builder;
    }

    public static IEndpointRouteBuilder MapSelection(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<SelectionGrpcService>();
        return endpoints;
    }
}
