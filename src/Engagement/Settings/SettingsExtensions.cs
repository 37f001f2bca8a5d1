namespace Platform.Engagement.Settings;

public static class SettingsExtensions
{
    /// <summary>The versioned pipeline settings and the cached reader the pipeline asks.</summary>
    public static IHostApplicationBuilder AddEngagementSettings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SettingsOptions>().BindConfiguration("Engagement:Settings")
            .Validate(o => o.CacheTime >= TimeSpan.Zero, "Engagement:Settings:CacheTime must not be negative.").ValidateOnStart();
        builder.Services.AddSingleton<SettingsReader>();
        return builder;
    }

    public static IEndpointRouteBuilder MapEngagementSettings(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<SettingsGrpcService>();
        return endpoints;
    }
}
