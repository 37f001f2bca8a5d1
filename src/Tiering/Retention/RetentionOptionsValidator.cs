using Microsoft.Extensions.Options;

namespace Platform.Tiering.Retention;

/// <summary>Section <c>Tiering:Retention</c>: every error at once, each naming its key.</summary>
public sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        var errors = new List<string>();
        if (options.KeepDays < RetentionOptions.MinimumKeepDays)
        {
            errors.Add($"Tiering:Retention:KeepDays must be at least {RetentionOptions.MinimumKeepDays} (the longest window, 250 trading days, and a margin).");
        }

        if (options.Interval <= TimeSpan.Zero)
        {
            errors.Add("Tiering:Retention:Interval must be positive.");
        }

        if (options.BatchSize is < 1 or > 100_000)
        {
            errors.Add("Tiering:Retention:BatchSize must be between 1 and 100000.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
