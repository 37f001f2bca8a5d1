using Grpc.Core;
using Platform.ServiceDefaults.Auth;

namespace Platform.Onboarding.Funnel;

/// <summary>
/// Who sent a step and what only core systems may do, in one place: the role comes from the
/// caller's bearer token, which the service validated (the gateway forwards its caller's).
/// </summary>
internal sealed record StepCaller(string Role)
{
    public bool IsSystem => Role == CallerRoles.System;

    public static StepCaller Of(ServerCallContext context) => new(context.Caller().CallerRole() ?? string.Empty);

    /// <summary>
    /// Back-office decisions and the risk level (a regulatory input: it decides which products a
    /// client may be shown) come from core systems only. A client app may record that it finished
    /// the questionnaire (risk_assessed without a level); the level arrives from the core system.
    /// </summary>
    public void Authorize(StepReport report)
    {
        if (IsSystem)
        {
            return;
        }

        if (report.Step is FunnelStep.Approved or FunnelStep.Rejected)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"Step {report.Step.ToWireName()} is accepted from core systems only."));
        }

        if (report.RiskLevel is not null)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                "riskLevel is set by core systems only; a client app records step risk_assessed without it."));
        }
    }
}
