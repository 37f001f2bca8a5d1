using Microsoft.Extensions.Options;

namespace Platform.Tiering.Tiers;

/// <summary>Section <c>Tiering:Review</c>: every error at once, each naming its key.</summary>
public sealed class ReviewScheduleValidator : IValidateOptions<ReviewSchedule>
{
    public ValidateOptionsResult Validate(string? name, ReviewSchedule options)
    {
        var errors = new List<string>();
        if (!options.IsValid)
        {
            errors.Add("Tiering:Review:DayOfMonth must be between 1 and 28 (every month has it).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
