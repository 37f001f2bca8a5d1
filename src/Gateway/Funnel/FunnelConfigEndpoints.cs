using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Gateway.Auth;
using Platform.Gateway.Json;
using Platform.Onboarding.Grpc;
using GrpcPutFunnelRequest = Platform.Onboarding.Grpc.PutFunnelRequest;

namespace Platform.Gateway.Funnel;

/// <summary>Operators' funnel definitions: GET|PUT /v1/config/funnels/{name} (API.md, Onboarding).</summary>
internal static class FunnelConfigEndpoints
{
    public static RouteGroupBuilder MapFunnelConfigEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/config/funnels")
            .WithTags("Onboarding")
            .RequireAuthorization(GatewayPolicies.Operator)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("/{name}", GetFunnel)
            .WithName("GetFunnelDefinition")
            .WithSummary("A funnel's current definition (durations in ISO 8601)")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/{name}", PutFunnel)
            .WithName("PutFunnelDefinition")
            .WithSummary("Stores a new version of a funnel definition")
            .WithDescription("Takes effect without a restart; clients already in the funnel keep the version they started with. "
                + "`version`, `changedAt` and `changedBy` in the body are ignored; the caller's `sub` is recorded as `changedBy`.");

        return group;
    }

    internal static async Task<Results<Ok<FunnelDefinitionResponse>, ValidationProblem>> GetFunnel(
        string name, FunnelConfigService.FunnelConfigServiceClient config, CancellationToken cancellationToken)
    {
        var errors = FunnelConfigValidator.ValidateName(name);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var reply = await config.GetFunnelAsync(new GetFunnelRequest { Name = name }, cancellationToken: cancellationToken);
        return TypedResults.Ok(FromGrpc(reply));
    }

    internal static async Task<Results<Ok<FunnelDefinitionResponse>, ValidationProblem>> PutFunnel(
        string name, PutFunnelRequest request, HttpContext context, FunnelConfigService.FunnelConfigServiceClient config,
        ILoggerFactory loggers)
    {
        var errors = FunnelConfigValidator.Validate(name, request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var reply = await config.PutFunnelAsync(ToGrpc(name, request, context.User.Subject() ?? string.Empty),
            cancellationToken: context.RequestAborted);
        GatewayLog.FunnelChanged(loggers.CreateLogger(typeof(FunnelConfigEndpoints)), reply.Name, reply.Version);
        return TypedResults.Ok(FromGrpc(reply));
    }

    private static GrpcPutFunnelRequest ToGrpc(string name, PutFunnelRequest request, string changedBy)
    {
        var command = new GrpcPutFunnelRequest
        {
            Name = name,
            DormantAfter = Duration.FromTimeSpan(request.DormantAfter!.Value),
            ChangedBy = changedBy,
        };
        command.StallAfter.AddRange(request.StallAfter!.Select(Duration.FromTimeSpan));
        command.Steps.AddRange(request.Steps!.Select(step => new FunnelStepDefinition
        {
            Step = WireEnumConverter<FunnelStep>.Format(step!.Step!.Value),
            OptionalOnChannels = { (step.OptionalOnChannels ?? []).Select(WireEnumConverter<AcquisitionChannel>.Format) },
        }));
        return command;
    }

    private static FunnelDefinitionResponse FromGrpc(FunnelDefinitionReply reply) => new(
        reply.Name,
        reply.Version,
        [.. reply.Steps.Select(step => new FunnelStepDefinitionResponse(step.Step, [.. step.OptionalOnChannels]))],
        [.. reply.StallAfter.Select(duration => duration.ToTimeSpan())],
        reply.DormantAfter?.ToTimeSpan(),
        reply.ChangedAt?.ToDateTimeOffset(),
        reply.ChangedBy.Length == 0 ? null : reply.ChangedBy);
}
