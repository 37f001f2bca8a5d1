using Microsoft.Extensions.Options;

namespace Platform.Onboarding.Funnel;

/// <summary>Section <c>Onboarding:Funnel</c>.</summary>
public sealed class FunnelOptions
{
    /// <summary>How long a replica may serve a funnel's latest version before it reads it again.</summary>
    public TimeSpan LatestDefinitionCacheTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How far in the future a step's occurredAt may be (clock skew of mobile clients).</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Concurrent group-commit loops (each on its own connection); a client always lands in the same one.
    /// One is fastest on 2 cores (measured: about 1,050 steps/s against 635 with four, whose batches
    /// queue on the same report cells); raise it where cores and PostgreSQL have room.
    /// </summary>
    public int BatchPartitions { get; set; } = 1;

    /// <summary>Most steps recorded in one transaction.</summary>
    public int MaxBatchSize { get; set; } = 256;
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

        if (options.BatchPartitions is < 1 or > 64)
        {
            errors.Add("Onboarding:Funnel:BatchPartitions must be between 1 and 64.");
        }

        if (options.MaxBatchSize is < 1 or > 5000)
        {
            errors.Add("Onboarding:Funnel:MaxBatchSize must be between 1 and 5000.");
        }

        if (options.MaxClockSkew < TimeSpan.Zero)
        {
            errors.Add("Onboarding:Funnel:MaxClockSkew must not be negative.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
