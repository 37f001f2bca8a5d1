using Microsoft.Extensions.Options;

namespace Platform.Gateway.CoreActivity;

/// <summary>Settings of POST /v1/activity, bound from "Gateway:Activity". Its publish deadline is Messaging:DeliveryTimeout.</summary>
public sealed class ActivityOptions
{
    public const string SectionName = "Gateway:Activity";

    /// <summary>The Retry-After sent with a 503 when Kafka did not acknowledge a batch.</summary>
    public TimeSpan UnavailableRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How far in the future an event's occurredAt may be (core systems' clocks run ahead of ours).
    /// No service stands behind this route, so this rule is the gateway's own.
    /// </summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);
}

internal sealed class ActivityOptionsValidator : IValidateOptions<ActivityOptions>
{
    /// <summary>A day: beyond it, "in the future" would let through events dated at any later time.</summary>
    private static readonly TimeSpan MaxSkewAllowed = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, ActivityOptions options)
    {
        List<string> failures = [];
        if (options.UnavailableRetryAfter < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{ActivityOptions.SectionName}:UnavailableRetryAfter must be at least one second.");
        }

        if (options.MaxClockSkew < TimeSpan.Zero || options.MaxClockSkew > MaxSkewAllowed)
        {
            failures.Add($"{ActivityOptions.SectionName}:MaxClockSkew must be between 00:00:00 and {MaxSkewAllowed:c}; it is {options.MaxClockSkew:c}.");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
