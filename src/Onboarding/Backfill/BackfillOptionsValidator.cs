using Microsoft.Extensions.Options;

namespace Platform.Onboarding.Backfill;

internal sealed class BackfillOptionsValidator : IValidateOptions<BackfillOptions>
{
    public ValidateOptionsResult Validate(string? name, BackfillOptions options)
    {
        var errors = new List<string>();
        if (options.BatchSize is < 1 or > 10_000)
        {
            errors.Add("Onboarding:Backfill:BatchSize must be between 1 and 10000.");
        }

        if (options.RetryDelay <= TimeSpan.Zero)
        {
            errors.Add("Onboarding:Backfill:RetryDelay must be positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
