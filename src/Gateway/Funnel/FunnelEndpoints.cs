using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Gateway.Auth;
using Platform.Gateway.Json;
using Platform.Onboarding.Grpc;
using GrpcRecordStepRequest = Platform.Onboarding.Grpc.RecordStepRequest;

namespace Platform.Gateway.Funnel;

/// <summary>The onboarding routes: record a funnel step, read a client's progress (API.md, Onboarding).</summary>
internal static class FunnelEndpoints
{
    public static RouteGroupBuilder MapFunnelEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/onboarding")
            .WithTags("Onboarding")
            .RequireAuthorization()
            .RequireOwnClient()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapPost("/steps", RecordStep)
            .WithName("RecordOnboardingStep")
            .WithSummary("Records one funnel step (idempotent on eventId)")
            .WithDescription("Role client (own clientId) or system; `approved` and `rejected` from role system only.")
            .RequireAuthorization(GatewayPolicies.ClientOrSystem);

        group.MapGet("/clients/{clientId}/progress", GetProgress)
            .WithName("GetOnboardingProgress")
            .WithSummary("Where a client stopped in the funnel, and what is next")
            .RequireAuthorization(GatewayPolicies.AnyRole)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    internal static async Task<Results<Accepted<RecordStepResponse>, ValidationProblem, ProblemHttpResult>> RecordStep(
        RecordStepRequest request, HttpContext context, OnboardingService.OnboardingServiceClient onboarding, ILoggerFactory loggers)
    {
        var role = context.User.CallerRole()!;
        if (request.Step is FunnelStep.Approved or FunnelStep.Rejected && role != GatewayRoles.System)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                detail: "Only role system may record approved or rejected.");
        }

        var errors = RecordStepValidator.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var command = ToGrpc(request);
        var reply = await onboarding.RecordStepAsync(command, cancellationToken: context.RequestAborted);
        GatewayLog.StepRecorded(loggers.CreateLogger(typeof(FunnelEndpoints)), command.Step, command.EventId, reply.Duplicate);
        return TypedResults.Accepted(
            $"/v1/onboarding/clients/{Uri.EscapeDataString(reply.ClientId)}/progress",
            new RecordStepResponse(reply.ClientId, reply.Status, reply.CurrentStep, NullIfEmpty(reply.NextStep), reply.Duplicate));
    }

    internal static async Task<Ok<ProgressResponse>> GetProgress(
        string clientId, OnboardingService.OnboardingServiceClient onboarding, CancellationToken cancellationToken)
    {
        var reply = await onboarding.GetProgressAsync(new GetProgressRequest { ClientId = clientId }, cancellationToken: cancellationToken);
        return TypedResults.Ok(new ProgressResponse(
            reply.ClientId,
            reply.Funnel,
            reply.Status,
            reply.CurrentStep,
            NullIfEmpty(reply.NextStep),
            [.. reply.CompletedSteps],
            reply.StalledSince?.ToDateTimeOffset(),
            reply.LastActivityAt?.ToDateTimeOffset()));
    }

    private static GrpcRecordStepRequest ToGrpc(RecordStepRequest request) => new()
    {
        EventId = request.EventId,
        ClientId = request.ClientId,
        Funnel = request.Funnel,
        Step = WireEnumConverter<FunnelStep>.Format(request.Step!.Value),
        OccurredAt = Timestamp.FromDateTimeOffset(request.OccurredAt!.Value),
        Channel = request.Channel is { } channel ? WireEnumConverter<AcquisitionChannel>.Format(channel) : string.Empty,
        Campaign = request.Campaign ?? string.Empty,
        Device = request.Device ?? string.Empty,
        Attempt = request.Attempt ?? 1,
        RiskLevel = request.RiskLevel is { } risk ? WireEnumConverter<RiskLevel>.Format(risk) : string.Empty,
        Reason = request.Reason ?? string.Empty,
        BackToStep = request.BackToStep is { } back ? WireEnumConverter<FunnelStep>.Format(back) : string.Empty,
    };

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
