using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.ServiceDefaults.Auth;
using Platform.Onboarding.Grpc;
using Platform.Onboarding.Privacy;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Validation;

namespace Platform.Onboarding.Funnel;

/// <summary>The gRPC adapter of the funnel: request to domain, outcome to reply, failures to status codes.</summary>
public sealed class FunnelGrpcService(IStepRecorder recorder, FunnelStore store, TimeProvider time, IOptions<FunnelOptions> options) : OnboardingService.OnboardingServiceBase
{
    private static readonly string[] RiskLevels = ["C1", "C2", "C3", "C4", "C5"];

    [Authorize(Roles = CallerRoles.Client + "," + CallerRoles.System)]
    public override async Task<RecordStepReply> RecordStep(RecordStepRequest request, ServerCallContext context)
    {
        context.EnsureMayActFor(request.ClientId);
        var caller = StepCaller.Of(context);
        var report = ToReport(request, caller, time.GetUtcNow(), options.Value.MaxClockSkew);
        caller.Authorize(report);
        StepOutcome outcome;
        try
        {
            outcome = await recorder.RecordAsync(new StepCommand(request.ClientId, request.Funnel, report), context.CancellationToken);
        }
        catch (FunnelRequestException ex)
        {
            throw GrpcFieldErrors.InvalidArgument(ex.Field, ex.Reason);
        }
        catch (ClientErasedException)
        {
            throw new RpcException(new Status(StatusCode.NotFound, "This client was erased; nothing is recorded for it."));
        }
        catch (StepNotStorableException ex)
        {
            // A value the database refused although it passed validation: the caller's own step, not a reason to retry.
            throw new RpcException(new Status(StatusCode.InvalidArgument, ex.Message));
        }
        catch (StepBatchFailedException)
        {
            // Nothing was recorded, or the commit's outcome is unknown: the caller retries with the same event id.
            throw new RpcException(new Status(StatusCode.Unavailable, "The step could not be recorded now; retry with the same eventId."));
        }
        catch (OperationCanceledException) when (!context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The onboarding service is stopping; retry with the same eventId."));
        }

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
        if (StorableText.Check(request.ClientId, ClientIds.MaxLength, required: true) is { } invalid)
        {
            throw GrpcFieldErrors.InvalidArgument("clientId", invalid);
        }

        context.EnsureMayActFor(request.ClientId);

        return await store.GetProgressAsync(request.ClientId, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, "No onboarding progress for this client."));
    }

    /// <summary>Validates the request again (the gateway is not the only possible caller) and maps it to the domain.</summary>
    private static StepReport ToReport(RecordStepRequest request, StepCaller caller, DateTimeOffset now, TimeSpan maxClockSkew)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Guid.TryParse(request.EventId, out var eventId))
        {
            errors["eventId"] = ["must be a UUID"];
        }

        // Every text that reaches a column or an event is checked here: a value the database refuses
        // would fail the whole batch of steps it was recorded with, other clients' steps included.
        AddIfInvalid(errors, "clientId", StorableText.Check(request.ClientId, ClientIds.MaxLength, required: true));
        AddIfInvalid(errors, "funnel", StorableText.Check(request.Funnel, StepFields.MaxFunnelName, required: true));
        AddIfInvalid(errors, "campaign", StorableText.Check(request.Campaign, StepFields.MaxCampaign, required: false));
        AddIfInvalid(errors, "device", StorableText.Check(request.Device, StepFields.MaxDevice, required: false));
        AddIfInvalid(errors, "reason", StorableText.Check(request.Reason, StepFields.MaxReason, required: false));

        if (!FunnelSteps.TryParse(request.Step, out var step))
        {
            errors["step"] = [$"unknown step; allowed: {string.Join(", ", FunnelSteps.WireNames)}"];
        }

        // Back-office decisions may come without the acquisition channel.
        if (!Channels.IsKnown(request.Channel) && !(step is FunnelStep.Approved or FunnelStep.Rejected && request.Channel.Length == 0))
        {
            errors["channel"] = [$"unknown channel; allowed: {string.Join(", ", Channels.All)}"];
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
        else if (request.OccurredAt.ToDateTimeOffset() > now + maxClockSkew)
        {
            errors["occurredAt"] = [$"is more than {Describe(maxClockSkew)} in the future (Onboarding:Funnel:MaxClockSkew)"];
        }

        // A core system's assessment carries its level; a client app's (the questionnaire done) carries none.
        if (step != FunnelStep.RiskAssessed && request.RiskLevel.Length > 0)
        {
            errors["riskLevel"] = ["is only accepted with step risk_assessed"];
        }
        else if (step == FunnelStep.RiskAssessed && (request.RiskLevel.Length > 0 || caller.IsSystem) && !RiskLevels.Contains(request.RiskLevel))
        {
            errors["riskLevel"] = [$"is required with step risk_assessed from core systems; allowed: {string.Join(", ", RiskLevels)}"];
        }

        if (errors.Count > 0)
        {
            throw GrpcFieldErrors.InvalidArgument(errors);
        }

        // A time ahead of the service's clock (within the allowed skew) is taken as now: facts are ordered by
        // their times, and a device whose clock runs fast must not date its submission after a rejection the
        // back office decided later (which would then be ignored as older than the resubmission).
        var occurredAt = request.OccurredAt!.ToDateTimeOffset();
        return new StepReport(eventId, step, occurredAt > now ? now : occurredAt, request.Channel, request.Campaign, request.Device,
            Math.Max(1, request.Attempt), string.IsNullOrEmpty(request.RiskLevel) ? null : request.RiskLevel,
            string.IsNullOrEmpty(request.Reason) ? null : request.Reason, backTo);
    }

    private static void AddIfInvalid(Dictionary<string, string[]> errors, string field, string? error)
    {
        if (error is not null)
        {
            errors[field] = [error];
        }
    }

    private static string Describe(TimeSpan span) => span.TotalMinutes == Math.Floor(span.TotalMinutes)
        ? $"{span.TotalMinutes:0} minute{(span.TotalMinutes == 1 ? string.Empty : "s")}"
        : $"{span.TotalSeconds:0.###} seconds";
}
