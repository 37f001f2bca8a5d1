using Grpc.Core;
using Platform.Onboarding.Grpc;
using Platform.ServiceDefaults;
using GrpcTimestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Platform.Onboarding.Funnel;

/// <summary>The gRPC adapter of the funnel: request to domain, outcome to reply, failures to status codes.</summary>
public sealed class FunnelGrpcService(FunnelStore store) : OnboardingService.OnboardingServiceBase
{
    private const string SystemRole = "system";

    public override async Task<RecordStepReply> RecordStep(RecordStepRequest request, ServerCallContext context)
    {
        var report = ToReport(request);
        var outcome = await store.RecordAsync(request.ClientId, report, context.CancellationToken);
        return new RecordStepReply
        {
            ClientId = outcome.ClientId,
            Status = outcome.Status,
            CurrentStep = outcome.CurrentStep,
            NextStep = outcome.NextStep,
            Duplicate = outcome.Duplicate,
        };
    }

    public override async Task<ProgressReply> GetProgress(GetProgressRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.ClientId))
        {
            throw GrpcFieldErrors.InvalidArgument("clientId", "is required");
        }

        var funnel = await store.FindAsync(request.ClientId, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, "No onboarding progress for this client."));
        var definition = FunnelDefinition.Standard;
        var reply = new ProgressReply
        {
            ClientId = funnel.ClientId,
            Funnel = funnel.Funnel,
            Status = funnel.Status.ToWireName(),
            CurrentStep = funnel.CurrentStep.ToWireName(),
            NextStep = funnel.NextStep(definition)?.ToWireName() ?? string.Empty,
            LastActivityAt = GrpcTimestamp.FromDateTimeOffset(funnel.LastActivityAt),
            StalledSince = funnel.StalledSince is { } since ? GrpcTimestamp.FromDateTimeOffset(since) : null,
        };
        reply.CompletedSteps.AddRange(funnel.CompletedSteps(definition).Select(s => s.ToWireName()));
        return reply;
    }

    /// <summary>Validates the request again (the gateway is not the only possible caller) and maps it to the domain.</summary>
    private static StepReport ToReport(RecordStepRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Guid.TryParse(request.EventId, out var eventId))
        {
            errors["eventId"] = ["must be a UUID"];
        }

        if (string.IsNullOrWhiteSpace(request.ClientId) || request.ClientId.Length > 64)
        {
            errors["clientId"] = ["is required, at most 64 characters"];
        }

        if (request.Funnel != FunnelDefinition.Standard.Name)
        {
            errors["funnel"] = [$"unknown funnel; allowed: {FunnelDefinition.Standard.Name}"];
        }

        if (!FunnelSteps.TryParse(request.Step, out var step))
        {
            errors["step"] = [$"unknown step; allowed: {string.Join(", ", FunnelSteps.WireNames)}"];
        }

        FunnelStep? backTo = null;
        if (step == FunnelStep.Rejected)
        {
            if (FunnelSteps.TryParse(request.BackToStep, out var back) && back != FunnelStep.Rejected)
            {
                backTo = back;
            }
            else
            {
                errors["backToStep"] = ["is required with step rejected and must name a funnel step"];
            }
        }

        if (request.OccurredAt is null)
        {
            errors["occurredAt"] = ["is required"];
        }

        if (errors.Count > 0)
        {
            throw GrpcFieldErrors.InvalidArgument(errors);
        }

        if (step is FunnelStep.Approved or FunnelStep.Rejected && request.CallerRole != SystemRole)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"Step {request.Step} is accepted from core systems only."));
        }

        return new StepReport(eventId, step, request.OccurredAt!.ToDateTimeOffset(), request.Channel, request.Campaign, request.Device,
            Math.Max(1, request.Attempt), string.IsNullOrEmpty(request.RiskLevel) ? null : request.RiskLevel,
            string.IsNullOrEmpty(request.Reason) ? null : request.Reason, backTo);
    }
}
