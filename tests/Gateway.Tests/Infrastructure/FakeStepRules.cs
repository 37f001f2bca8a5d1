using System.Text.Json;
using Grpc.Core;
using Microsoft.IdentityModel.JsonWebTokens;
using Platform.Onboarding.Grpc;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>
/// The step rules Onboarding owns and the gateway leaves to it, as the real service answers them
/// (Onboarding's FunnelGrpcService and StepCaller): field errors as InvalidArgument with the
/// field-errors-bin trailer, a risk level from a client app as PermissionDenied. Only what the
/// gateway tests need to see pass through; the clock is the machine's (the gateway's fake clock
/// starts at the machine's time and never runs ahead of it).
/// </summary>
internal static class FakeStepRules
{
    public const int MaxClientIdLength = 64;
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    private static readonly string[] RiskLevels = ["C1", "C2", "C3", "C4", "C5"];

    public static void Check(RecordStepRequest request, ServerCallContext context)
    {
        var isSystem = RoleOf(context) == "system";
        var decision = request.Step is "approved" or "rejected";
        var errors = new Dictionary<string, string[]>();
        if (request.ClientId.Length > MaxClientIdLength)
        {
            errors["clientId"] = [$"is required, at most {MaxClientIdLength} characters"];
        }

        foreach (var (field, value, max) in new[] { ("campaign", request.Campaign, 128), ("device", request.Device, 64), ("reason", request.Reason, 256) })
        {
            if (value.Length > max)
            {
                errors[field] = [$"is at most {max} characters"];
            }
        }

        if (request.Channel.Length == 0 && !decision)
        {
            errors["channel"] = ["unknown channel"];
        }

        if (request.OccurredAt.ToDateTimeOffset() > DateTimeOffset.UtcNow + MaxClockSkew)
        {
            errors["occurredAt"] = ["is more than 5 minutes in the future (Onboarding:Funnel:MaxClockSkew)"];
        }

        var riskAssessed = request.Step == "risk_assessed";
        if (!riskAssessed && request.RiskLevel.Length > 0)
        {
            errors["riskLevel"] = ["is only accepted with step risk_assessed"];
        }
        else if (riskAssessed && (request.RiskLevel.Length > 0 || isSystem) && !RiskLevels.Contains(request.RiskLevel))
        {
            errors["riskLevel"] = ["is required with step risk_assessed from core systems"];
        }

        if (errors.Count > 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, string.Join("; ", errors.Keys)),
                new Metadata { { "field-errors-bin", JsonSerializer.SerializeToUtf8Bytes(errors) } });
        }

        if (!isSystem && request.RiskLevel.Length > 0)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                "riskLevel is set by core systems only; a client app records step risk_assessed without it."));
        }
    }

    private static string? RoleOf(ServerCallContext context) =>
        context.RequestHeaders.GetValue("authorization") is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal)
            ? new JsonWebToken(header["Bearer ".Length..]).TryGetClaim("role", out var role) ? role.Value : null
            : null;
}
