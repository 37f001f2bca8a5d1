using Microsoft.Extensions.Options;

namespace Platform.Tiering.Tiers;

/// <summary>Section <c>Tiering:Sweep</c>: every error at once, each naming its key.</summary>
public sealed class SweepOptionsValidator : IValidateOptions<SweepOptions>
{
    /// <summary>
    /// Every client of a batch holds an advisory lock until commit; PostgreSQL's shared lock table holds
    /// about 6,400 by default, and "out of shared memory" was seen at ~30,000 held at once.
    /// </summary>
    public const int MaxLocksHeld = 4_000;

    public ValidateOptionsResult Validate(string? name, SweepOptions options)
    {
        var errors = new List<string>();
        if (options.PollInterval <= TimeSpan.Zero)
        {
            errors.Add("Tiering:Sweep:PollInterval must be positive.");
        }

        if (options.BatchSize <= 0)
        {
            errors.Add("Tiering:Sweep:BatchSize must be positive.");
        }

        if (options.Concurrency is < 1 or > 16)
        {
            errors.Add("Tiering:Sweep:Concurrency must be between 1 and 16.");
        }

        if ((long)options.BatchSize * options.Concurrency > MaxLocksHeld)
        {
            errors.Add($"Tiering:Sweep:BatchSize x Concurrency must be at most {MaxLocksHeld} (advisory locks held at once).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
