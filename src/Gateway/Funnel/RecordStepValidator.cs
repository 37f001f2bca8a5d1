namespace Platform.Gateway.Funnel;

/// <summary>
/// The shape of a step event, every broken rule reported by field (types, enums and date formats
/// are checked while the JSON is read). The funnel's rules are Onboarding's alone: the client id's
/// length, how far in the future occurredAt may be (Onboarding:Funnel:MaxClockSkew), which steps
/// need a channel, the risk level (only core systems set one; a client app records
/// risk_assessed without it), and what the text fields may hold (lengths, no control characters). Its field errors reach the caller as the same 400 with errors, so a
/// rule changed there is never contradicted here.
/// </summary>
internal static class RecordStepValidator
{
    public static Dictionary<string, string[]> Validate(RecordStepRequest request)
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

        // No length bound here: the 1 MiB body cap is all the gateway needs, the service owns the rule.
        Required(errors, "clientId", request.ClientId);
        Required(errors, "funnel", request.Funnel);

        if (request.Step is null)
        {
            errors["step"] = ["Required."];
        }

        if (request.OccurredAt is null)
        {
            errors["occurredAt"] = ["Required."];
        }

        if (request.Attempt is < 1)
        {
            errors["attempt"] = ["Must be 1 or more."];
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

    private static void Required(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = ["Required."];
        }
    }
}
