using Platform.Gateway.Auth;

namespace Platform.Gateway.Content;

/// <summary>Content's routes: the catalogue, client tags, segments and feeds. Content checks roles and values itself; the gateway checks shape.</summary>
internal static class ContentExtensions
{
    public static IHostApplicationBuilder AddContent(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, ContentJsonContext.Default));
        return builder;
    }

    public static WebApplication MapContent(this WebApplication app)
    {
        app.MapContentItems();
        app.MapClientTags();
        app.MapSegments();
        app.MapFeed();
        app.MapExperiments();
        app.MapConversions();
        return app;
    }

    /// <summary>A group of Content routes: its tag, who may call it, and the problems any of them may answer.</summary>
    public static RouteGroupBuilder MapContentGroup(this IEndpointRouteBuilder routes, string prefix, string policy = GatewayPolicies.Operator) =>
        routes.MapGroup(prefix)
            .WithTags("Content")
            .RequireAuthorization(policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
