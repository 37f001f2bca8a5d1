using Microsoft.Extensions.Options;

namespace Platform.Tiering.Tiers;

/// <summary>Section <c>Tiering</c>: every error at once, each naming its key.</summary>
public sealed class TieringOptionsValidator : IValidateOptions<TieringOptions>
{
    public ValidateOptionsResult Validate(string? name, TieringOptions options)
    {
        var errors = new List<string>();
        if (options.TableCacheTime < TimeSpan.Zero)
        {
            errors.Add("Tiering:TableCacheTime must not be negative.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
