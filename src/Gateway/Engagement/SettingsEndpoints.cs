using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Engagement.Grpc;
using Platform.Gateway.Auth;

namespace Platform.Gateway.Engagement;

/// <summary>Operators' pipeline settings: GET|PUT /v1/config/engagement (API.md, Engagement). Engagement checks every value and names the field it refuses.</summary>
internal static class SettingsEndpoints
{
    public static IHostApplicationBuilder AddEngagementSettings(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, SettingsJsonContext.Default));
        return builder;
    }

    public static RouteGroupBuilder MapEngagementSettings(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapEngagementGroup("/v1/config/engagement");

        group.MapGet("", Get).WithName("GetEngagementSettings")
            .WithSummary("The settings in force: quiet hours, caps, holdout, advisor tasks and their SLA, priority window, idle cash");
        group.MapPut("", Put).WithName("PutEngagementSettings").WithSummary("Stores the whole settings as their next version")
            .WithDescription("In force without a restart: at once in the instance that stored them and in every other within seconds "
                + "(Engagement:Settings:CacheTime). quietHours: start and end local HH:mm in an IANA timeZone (end before start runs across "
                + "midnight; equal: no quiet hours), for the listed channels. caps: channel -> {count >= 0 (0: never), per: ISO 8601 "
                + "duration}; a channel left out is not capped. holdoutPercent 0..100 with at most 2 decimals. advisorTaskFromTier V0..V7. "
                + "advisorTaskSla: {default, byTier: {V6: PT8H, ...}} ISO 8601 durations. priorityWindow ISO 8601 duration. "
                + "idleCashThreshold CNY. version is read-only. Every refused field is named in errors; nothing changes then.")
            .ProducesValidationProblem();
        return group;
    }

    internal static async Task<Ok<SettingsResponse>> Get(EngagementSettingsService.EngagementSettingsServiceClient settings, CancellationToken cancellationToken) =>
        TypedResults.Ok(SettingsWire.FromGrpc(await settings.GetSettingsAsync(new GetEngagementSettingsRequest(), cancellationToken: cancellationToken)));

    internal static async Task<Results<Ok<SettingsResponse>, ValidationProblem>> Put(
        SettingsRequest request, EngagementSettingsService.EngagementSettingsServiceClient settings, CancellationToken cancellationToken)
    {
        var errors = SettingsWire.Check(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(SettingsWire.FromGrpc(await settings.PutSettingsAsync(SettingsWire.ToGrpc(request), cancellationToken: cancellationToken)));
    }
}
