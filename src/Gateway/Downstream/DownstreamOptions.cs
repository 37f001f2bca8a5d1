using Microsoft.Extensions.Options;

namespace Platform.Gateway.Downstream;

/// <summary>Settings for calls to the platform's gRPC services, bound from "Gateway:Grpc".</summary>
public sealed class DownstreamOptions
{
    public const string SectionName = "Gateway:Grpc";

    /// <summary>Deadline of every call that does not set its own.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts (first call included) of idempotent calls when a service is unavailable.</summary>
    public int IdempotentAttempts { get; set; } = 3;

    /// <summary>The Retry-After sent with a 503 when a service is unavailable or too slow.</summary>
    public TimeSpan UnavailableRetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}

internal sealed class DownstreamOptionsValidator : IValidateOptions<DownstreamOptions>
{
    public ValidateOptionsResult Validate(string? name, DownstreamOptions options)
    {
        List<string> errors = [];
        if (options.Deadline <= TimeSpan.Zero)
        {
            errors.Add($"{DownstreamOptions.SectionName}:Deadline must be positive.");
        }

        if (options.IdempotentAttempts is < 1 or > 5)
        {
            errors.Add($"{DownstreamOptions.SectionName}:IdempotentAttempts must be between 1 and 5 (gRPC's limit).");
        }

        if (options.UnavailableRetryAfter < TimeSpan.FromSeconds(1))
        {
            errors.Add($"{DownstreamOptions.SectionName}:UnavailableRetryAfter must be at least one second.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
