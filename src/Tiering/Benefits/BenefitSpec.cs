using System.Text.RegularExpressions;
using Platform.ServiceDefaults.Validation;
using Platform.Tiering.Tiers;

namespace Platform.Tiering.Benefits;

/// <summary>A benefit definition as an operator sent it, checked: every refused field is named at once.</summary>
public sealed partial record BenefitSpec(string BenefitId, string Name, BenefitKind Kind, Tier MinTier, BenefitQuota? Quota, bool Active)
{
    public const int MaxNameLength = 120;
    public const int MaxQuota = 10_000;

    public static (BenefitSpec? Spec, Dictionary<string, string[]> Errors) Parse(
        string benefitId, string name, string kind, string minTier, (int Count, string Period)? quota, bool active)
    {
        var errors = new Dictionary<string, string[]>();
        if (!BenefitIdPattern().IsMatch(benefitId))
        {
            errors["benefitId"] = ["must be 2 to 64 lower-case letters, digits or '-', starting with a letter or digit"];
        }

        // Storable too: a NUL (which PostgreSQL's text cannot hold) failed the insert itself, a 500.
        if (StorableText.Check(name, MaxNameLength, required: true) is { } invalidName)
        {
            errors["name"] = [invalidName];
        }

        if (!WireNames.TryParse<BenefitKind>(kind, out var parsedKind))
        {
            errors["kind"] = [$"must be one of {WireNames.List<BenefitKind>()}"];
        }

        if (!TierCatalog.TryParse(minTier, out var parsedTier))
        {
            errors["minTier"] = ["must be one of V0, V1, V2, V3, V4, V5, V6, V7"];
        }

        BenefitQuota? parsedQuota = null;
        if (quota is var (count, period))
        {
            if (count is < 0 or > MaxQuota)
            {
                errors["quota.count"] = [$"must be between 0 and {MaxQuota} (0 suspends the benefit)"];
            }

            if (!WireNames.TryParse<QuotaPeriod>(period, out var parsedPeriod))
            {
                errors["quota.period"] = [$"must be one of {WireNames.List<QuotaPeriod>()}"];
            }

            parsedQuota = new BenefitQuota(count, parsedPeriod);
        }

        return errors.Count > 0 ? (null, errors) : (new BenefitSpec(benefitId, name.Trim(), parsedKind, parsedTier, parsedQuota, active), errors);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$")]
    private static partial Regex BenefitIdPattern();
}

/// <summary>Enum values on the wire: lower case, exactly (no numbers, no other case).</summary>
public static class WireNames
{
    public static string Of<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    public static bool TryParse<T>(string? wire, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (Of(candidate) == wire)
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    public static string List<T>() where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(Of));
}
