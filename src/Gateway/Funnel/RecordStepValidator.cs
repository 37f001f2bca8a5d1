namespace Platform.Gateway.Funnel;

/// <summary>The contract's rules for a step event; every broken rule is reported, by field.</summary>
internal static class RecordStepValidator
{
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);
    private const int MaxIdLength = 128;
    private const int MaxNameLength = 64;
    private const int MaxReasonLength = 256;

    public static Dictionary<string, string[]> Validate(RecordStepRequest request, DateTimeOffset now)
    {
        Dictionary<string, string[]> errors = [];

        if (string.IsNullOrWhiteSpace(request.EventId))
        {
            errors["eventId"] = ["Required."];
        }
        else if (!Guid.TryParseExact(request.EventId, "D", out _))
        {
            errors["eventId"] = ["Must be a UUID, e.g. 0193a4b2-7c1e-7d3f-9a1b-2c3d4e5f6a7b."];
        }

        Text(errors, "clientId", request.ClientId, MaxIdLength, required: true);
        Text(errors, "funnel", request.Funnel, MaxNameLength, required: true);
        Text(errors, "campaign", request.Campaign, MaxIdLength, required: false);
        Text(errors, "device", request.Device, MaxNameLength, required: false);

        if (request.Step is null)
        {
            errors["step"] = ["Required."];
        }

        if (request.OccurredAt is not { } occurredAt)
        {
            errors["occurredAt"] = ["Required."];
        }
        else if (occurredAt > now + MaxClockSkew)
        {
            errors["occurredAt"] = [$"Must not be more than {MaxClockSkew.TotalMinutes:0} minutes in the future."];
        }

        if (request.Channel is null && request.Step is not (FunnelStep.Approved or FunnelStep.Rejected or null))
        {
            errors["channel"] = ["Required."];
        }

        if (request.Attempt is < 1)
        {
            errors["attempt"] = ["Must be 1 or more."];
        }

        if (request.Step == FunnelStep.RiskAssessed && request.RiskLevel is null)
        {
            errors["riskLevel"] = ["Required with step risk_assessed."];
        }
        else if (request.Step != FunnelStep.RiskAssessed && request.RiskLevel is not null)
        {
            errors["riskLevel"] = ["Only allowed with step risk_assessed."];
        }

        if (request.Step == FunnelStep.Rejected)
        {
            if (request.BackToStep is null)
            {
                errors["backToStep"] = ["Required with step rejected."];
            }
            else if (request.BackToStep is FunnelStep.Approved or FunnelStep.Rejected)
            {
                errors["backToStep"] = ["Must be a step before approval."];
            }

            Text(errors, "reason", request.Reason, MaxReasonLength, required: false);
        }
        else
        {
            if (request.BackToStep is not null)
            {
                errors["backToStep"] = ["Only allowed with step rejected."];
            }

            if (request.Reason is not null)
            {
                errors["reason"] = ["Only allowed with step rejected."];
            }
        }

        return errors;
    }

    private static void Text(Dictionary<string, string[]> errors, string field, string? value, int maxLength, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors[field] = ["Required."];
            }
        }
        else if (value.Length > maxLength)
        {
            errors[field] = [$"Must be at most {maxLength} characters."];
        }
    }
}
