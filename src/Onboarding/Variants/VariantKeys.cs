using Platform.ServiceDefaults.Validation;

namespace Platform.Onboarding.Variants;

/// <summary>
/// The funnel report's group key of an experiment variant: "experiment:variant", e.g. "welcome-copy:b". Content's
/// experiment keys and variant names hold no ':' (lower-case letters, digits, '-', '_'), so the key is unambiguous,
/// and never "none", the group of clients in no experiment. Lengths are Content's.
/// </summary>
public static class VariantKeys
{
    public const int MaxExperimentKey = 64;
    public const int MaxVariant = 32;
    public const int MaxItemId = 64;
    public const char Separator = ':';

    public static string Of(string experimentKey, string variant) => experimentKey + Separator + variant;

    /// <summary>Why an exposure cannot be kept (a field name and the rule), or null when it can.</summary>
    public static string? Problem(string clientId, string experimentKey, string variant, string itemId)
    {
        if (StorableText.Check(clientId, ClientIds.MaxLength, required: true) is { } client)
        {
            return "client_id " + client;
        }

        if (StorableText.Check(experimentKey, MaxExperimentKey, required: true) is { } key)
        {
            return "experiment_key " + key;
        }

        if (StorableText.Check(variant, MaxVariant, required: true) is { } name)
        {
            return "variant " + name;
        }

        if (experimentKey.Contains(Separator) || variant.Contains(Separator))
        {
            return $"experiment_key and variant must not hold '{Separator}', the report's separator";
        }

        return StorableText.Check(itemId, MaxItemId, required: false) is { } item ? "item_id " + item : null;
    }
}
