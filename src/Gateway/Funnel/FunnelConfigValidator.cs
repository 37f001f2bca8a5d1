using Platform.Gateway.Json;

namespace Platform.Gateway.Funnel;

/// <summary>The rules for a funnel definition (PUT /v1/config/funnels/{name}); every broken rule is reported, by field.</summary>
internal static class FunnelConfigValidator
{
    public const int MaxNameLength = 64;
    public const int MaxStallThresholds = 5;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(365);

    /// <summary>The 13 steps of DOMAIN.md; `rejected` is an outcome, not a step of a funnel.</summary>
    public static IReadOnlyList<string> StandardSteps { get; } =
        WireEnumConverter<FunnelStep>.Names.Where(name => name != WireEnumConverter<FunnelStep>.Format(FunnelStep.Rejected)).ToArray();

    public static Dictionary<string, string[]> ValidateName(string name)
    {
        Dictionary<string, string[]> errors = [];
        if (string.IsNullOrWhiteSpace(name))
        {
            errors["name"] = ["Required."];
        }
        else if (name.Length > MaxNameLength)
        {
            errors["name"] = [$"Must be at most {MaxNameLength} characters."];
        }

        return errors;
    }

    public static Dictionary<string, string[]> Validate(string name, PutFunnelRequest request)
    {
        var errors = ValidateName(name);
        if (request.Name is not null && !string.Equals(request.Name, name, StringComparison.Ordinal))
        {
            errors["name"] = ["Must match the funnel name in the path (or be left out)."];
        }

        ValidateSteps(errors, request.Steps);
        ValidateStallAfter(errors, request.StallAfter);

        if (request.DormantAfter is not { } dormantAfter)
        {
            errors["dormantAfter"] = ["Required, e.g. P3D."];
        }
        else if (Duration(dormantAfter) is { } problem)
        {
            errors["dormantAfter"] = [problem];
        }

        return errors;
    }

    private static void ValidateSteps(Dictionary<string, string[]> errors, IReadOnlyList<FunnelStepDefinitionRequest?>? steps)
    {
        if (steps is not { Count: > 0 })
        {
            errors["steps"] = ["Required: at least one step."];
            return;
        }

        HashSet<FunnelStep> seen = [];
        for (var i = 0; i < steps.Count; i++)
        {
            var at = $"steps[{i}]";
            if (steps[i] is not { } definition)
            {
                errors[at] = ["Must be a step object."];
                continue;
            }

            if (definition.Step is not { } step)
            {
                errors[$"{at}.step"] = ["Required."];
            }
            else if (step == FunnelStep.Rejected)
            {
                errors[$"{at}.step"] = [$"Not a funnel step; must be one of: {string.Join(", ", StandardSteps)}."];
            }
            else if (!seen.Add(step))
            {
                errors[$"{at}.step"] = ["Appears more than once in the funnel."];
            }

            if (definition.OptionalOnChannels is { } channels && channels.Distinct().Count() != channels.Count)
            {
                errors[$"{at}.optionalOnChannels"] = ["Must not name a channel twice."];
            }
        }
    }

    private static void ValidateStallAfter(Dictionary<string, string[]> errors, IReadOnlyList<TimeSpan>? thresholds)
    {
        if (thresholds is not { Count: > 0 and <= MaxStallThresholds })
        {
            errors["stallAfter"] = [$"Required: 1 to {MaxStallThresholds} thresholds, e.g. [\"PT30M\", \"PT24H\", \"P7D\"]."];
            return;
        }

        for (var i = 0; i < thresholds.Count; i++)
        {
            if (Duration(thresholds[i]) is { } problem)
            {
                errors[$"stallAfter[{i}]"] = [problem];
            }
            else if (i > 0 && thresholds[i] <= thresholds[i - 1])
            {
                errors[$"stallAfter[{i}]"] = ["Must be longer than the threshold before it (strictly increasing)."];
            }
        }
    }

    private static string? Duration(TimeSpan value) =>
        value <= TimeSpan.Zero ? "Must be positive."
        : value > MaxDuration ? $"Must be at most {IsoDurationConverter.Format(MaxDuration)}."
        : null;
}
