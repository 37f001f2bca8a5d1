using Platform.Gateway.Auth;
using Platform.Gateway.Content;
using Platform.Gateway.CoreActivity;
using Platform.Gateway.Downstream;
using Platform.Gateway.Engagement;
using Platform.Gateway.Errors;
using Platform.Gateway.Funnel;
using Platform.Gateway.Json;
using Platform.Gateway.OpenApi;
using Platform.Gateway.Privacy;
using Platform.Gateway.RateLimiting;
using Platform.Gateway.Tiering;

namespace Platform.Gateway;

public static class GatewayExtensions
{
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        builder.AddGatewayJson();
        builder.AddGatewayErrors();
        builder.AddGatewayAuth();
        builder.AddGatewayRateLimiting();
        builder.AddGatewayOpenApi();
        builder.AddDownstreamServices();
        builder.AddFunnel();
        builder.AddCoreActivity();
        builder.AddTiering();
        builder.AddContent();
        builder.AddEngagement();
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseGatewayErrors();
        app.UseAuthentication();
        app.UseRateLimiter();        // after authentication: callers are partitioned by their `sub`
        app.UseAuthorization();

        app.MapGatewayOpenApi();
        app.MapDevTokens();
        app.MapFunnel();
        app.MapCoreActivity();
        app.MapTiering();
        app.MapTierConfig();
        app.MapBenefits();
        app.MapBenefitCatalog();
        app.MapContent();
        app.MapEngagement();
        app.MapPrivacy();
        return app;
    }
}
