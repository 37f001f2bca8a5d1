using Microsoft.Extensions.Options;

namespace Platform.Gateway.RateLimiting;

/// <summary>Per-caller token buckets, bound from "Gateway:RateLimit".</summary>
public sealed class GatewayRateLimitOptions
{
    public const string SectionName = "Gateway:RateLimit";

    /// <summary>Sustained requests per second of one caller; below 1 means one request every 1/x seconds.</summary>
    public double PermitsPerSecond { get; set; } = 50;

    /// <summary>Bucket size: how many requests a caller may send at once after being idle.</summary>
    public int Burst { get; set; } = 100;
}

internal sealed class GatewayRateLimitOptionsValidator : IValidateOptions<GatewayRateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayRateLimitOptions options)
    {
        List<string> errors = [];
        if (!(options.PermitsPerSecond > 0) || double.IsInfinity(options.PermitsPerSecond))
        {
            errors.Add($"{GatewayRateLimitOptions.SectionName}:PermitsPerSecond must be a positive number.");
        }

        if (options.Burst < 1)
        {
            errors.Add($"{GatewayRateLimitOptions.SectionName}:Burst must be at least 1.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
