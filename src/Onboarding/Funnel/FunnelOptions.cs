using Microsoft.Extensions.Options;

namespace Platform.Onboarding.Funnel;

/// <summary>Section <c>Onboarding:Funnel</c>.</summary>
public sealed class FunnelOptions
{
    /// <summary>How long a replica may serve a funnel's latest version before it reads it again.</summary>
    public TimeSpan LatestDefinitionCacheTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How far in the future a step's occurredAt may be (clock skew of mobile clients).</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);
}

internal sealed class FunnelOptionsValidator : IValidateOptions<FunnelOptions>
{
    public ValidateOptionsResult Validate(string? name, FunnelOptions options)
    {
        var errors = new List<string>();
        if (options.LatestDefinitionCacheTime < TimeSpan.Zero || options.LatestDefinitionCacheTime > TimeSpan.FromMinutes(5))
        {
            errors.Add("Onboarding:Funnel:LatestDefinitionCacheTime must be between 0 and 5 minutes.");
        }

        if (options.MaxClockSkew < TimeSpan.Zero)
        {
            errors.Add("Onboarding:Funnel:MaxClockSkew must not be negative.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
