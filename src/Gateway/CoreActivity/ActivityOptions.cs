using Microsoft.Extensions.Options;

namespace Platform.Gateway.CoreActivity;

/// <summary>Settings of POST /v1/activity, bound from "Gateway:Activity". Its publish deadline is Messaging:DeliveryTimeout.</summary>
public sealed class ActivityOptions
{
    public const string SectionName = "Gateway:Activity";

    /// <summary>The Retry-After sent with a 503 when Kafka did not acknowledge a batch.</summary>
    public TimeSpan UnavailableRetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}

internal sealed class ActivityOptionsValidator : IValidateOptions<ActivityOptions>
{
    public ValidateOptionsResult Validate(string? name, ActivityOptions options) =>
        options.UnavailableRetryAfter < TimeSpan.FromSeconds(1)
            ? ValidateOptionsResult.Fail($"{ActivityOptions.SectionName}:UnavailableRetryAfter must be at least one second.")
            : ValidateOptionsResult.Success;
}
