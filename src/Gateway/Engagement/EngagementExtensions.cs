using Platform.Gateway.Auth;

namespace Platform.Gateway.Engagement;

/// <summary>Engagement's routes: rules, settings, the inbox and the advisors' tasks. Engagement checks roles and values itself; the gateway checks shape.</summary>
internal static class EngagementExtensions
{
    public static IHostApplicationBuilder AddEngagement(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, EngagementJsonContext.Default));
        builder.AddRules();
        builder.AddEngagementSettings();
        builder.AddOutreach();
        return builder;
    }

    public static WebApplication MapEngagement(this WebApplication app)
    {
        app.MapRules();
        app.MapEngagementSettings();
        app.MapInbox();
        app.MapAdvisorTasks();
        app.MapOutreach();
        return app;
    }

    /// <summary>A group of Engagement routes: its tag, who may call it, and the problems any of them may answer.</summary>
    public static RouteGroupBuilder MapEngagementGroup(this IEndpointRouteBuilder routes, string prefix, string policy = GatewayPolicies.Operator) =>
        routes.MapGroup(prefix)
            .WithTags("Engagement")
            .RequireAuthorization(policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
