namespace Platform.Onboarding.Funnel;

public static class FunnelExtensions
{
    public static IHostApplicationBuilder AddFunnel(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FunnelTelemetry>();
        builder.Services.AddScoped<FunnelStore>();
        return builder;
    }

    public static IEndpointRouteBuilder MapFunnel(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<FunnelGrpcService>();
        return endpoints;
    }
}
