using Platform.ServiceDefaults.Validation;
using System.Text.RegularExpressions;
using System.Xml;
using Platform.Content.Catalog;

namespace Platform.Content.Experiments;

/// <summary>An experiment as an operator sent it, checked field by field (item existence and overlaps are the store's).</summary>
public sealed partial record ExperimentSpec(string Key, ExperimentStatus Status, IReadOnlyList<ExperimentVariant> Variants, TimeSpan ConversionWindow)
{
    public const int MinVariants = 2;
    public const int MaxVariants = 10;
    public const int MaxWeight = 10_000;
    public static readonly TimeSpan MinWindow = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(365);
    private const string WindowBounds = "must be between 1 minute and 365 days";

    public static (ExperimentSpec? Spec, FieldErrors Errors) Parse(string key, string status, IReadOnlyList<(string Name, int Weight, string ItemId)> variants, string window)
    {
        var errors = new FieldErrors();
        if (!Keys.IsKey(key))
        {
            errors.Add("key", Keys.Rule);
        }

        var parsedStatus = status switch
        {
            "running" => ExperimentStatus.Running,
            "stopped" => ExperimentStatus.Stopped,
            _ => (ExperimentStatus?)null,
        };
        if (parsedStatus is null)
        {
            errors.Add("status", "must be running or stopped");
        }

        if (variants.Count is < MinVariants or > MaxVariants)
        {
            errors.Add("variants", $"holds {MinVariants} to {MaxVariants} variants (the first is the control)");
        }

        for (var i = 0; i < Math.Min(variants.Count, MaxVariants); i++)
        {
            var (name, weight, itemId) = variants[i];
            if (!VariantName().IsMatch(name))
            {
                errors.Add($"variants[{i}].name", "must be 1 to 32 lower-case letters, digits, '-' or '_'");
            }
            else if (variants.Take(i).Any(v => v.Name == name))
            {
                errors.Add($"variants[{i}].name", $"'{name}' is used by an earlier variant");
            }

            if (weight is < 0 or > MaxWeight)
            {
                errors.Add($"variants[{i}].weight", $"must be between 0 and {MaxWeight}");
            }

            if (!Keys.IsKey(itemId))
            {
                errors.Add($"variants[{i}].itemId", "is not an item id: " + Keys.Rule);
            }
            else if (variants.Take(i).Any(v => v.ItemId == itemId))
            {
                errors.Add($"variants[{i}].itemId", $"'{itemId}' is served by an earlier variant");
            }
        }

        if (parsedStatus == ExperimentStatus.Running && variants.Count > 0 && variants.All(v => v.Weight <= 0))
        {
            errors.Add("variants", "a running experiment needs a variant of positive weight");
        }

        var conversionWindow = TimeSpan.Zero;
        try
        {
            conversionWindow = XmlConvert.ToTimeSpan(window);
        }
        catch (FormatException)
        {
            errors.Add("conversionWindow", "must be an ISO 8601 duration such as P7D or PT12H");
        }
        catch (OverflowException)
        {
            // A well-formed duration longer than TimeSpan holds (P99999999D): far beyond the bound, the caller's error.
            errors.Add("conversionWindow", WindowBounds);
        }

        if (errors.Lacks("conversionWindow") && (conversionWindow < MinWindow || conversionWindow > MaxWindow))
        {
            errors.Add("conversionWindow", WindowBounds);
        }

        return errors.Count > 0
            ? (null, errors)
            : (new ExperimentSpec(key, parsedStatus!.Value, [.. variants.Select(v => new ExperimentVariant(v.Name, v.Weight, v.ItemId))], conversionWindow), errors);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,31}$")]
    private static partial Regex VariantName();
}
