using System.Globalization;
using Platform.Content.Profiles;
using Platform.Content.Targeting;
using Platform.Content.Templates;

namespace Platform.Content.Selection;

/// <summary>A client as selection sees it at one instant: tolerance, tier, stage, every tag, and the values templates may use.</summary>
public sealed record ClientView(
    string ClientId,
    int? Tolerance,
    string? Tier,
    string? Stage,
    IReadOnlySet<string> Tags,
    IReadOnlyDictionary<string, string> Values,
    long ProfileVersion)
{
    /// <summary>A client Content has no profile of: no assessment (so no products), no tier, no stage, no tags.</summary>
    public static ClientView Unknown(string clientId) => new(clientId, null, null, null, new HashSet<string>(), new Dictionary<string, string>(), 0);

    public static ClientView Of(ClientProfile profile, DateTimeOffset now)
    {
        var stage = LifecycleStage.Of(profile, now);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (profile.Tier is { } tier)
        {
            values[Placeholders.Tier] = tier;
            var next = TagVocabulary.TierOrder.IndexOf(tier) + 1;
            if (next is > 0 && next < TagVocabulary.TierOrder.Length)
            {
                values[Placeholders.NextTier] = TagVocabulary.TierOrder[next];
                if (profile.AmountToNextTier is { } amount)
                {
                    values[Placeholders.AmountToNextTier] = amount.ToString("N2", CultureInfo.InvariantCulture);
                }
            }
        }

        if (stage is not null)
        {
            values[Placeholders.Stage] = stage;
        }

        if (profile.RiskTolerance is { } tolerance)
        {
            values[Placeholders.RiskTolerance] = RiskScale.Tolerance(tolerance);
        }

        return new ClientView(profile.ClientId, profile.RiskTolerance, profile.Tier, stage, ProfileTags.Of(profile, now), values, profile.Version);
    }

    /// <summary>The client's values with the moment's (product, amount, date) on top; a moment cannot override the client's own facts.</summary>
    public IReadOnlyDictionary<string, string> With(IReadOnlyDictionary<string, string> momentValues)
    {
        if (momentValues.Count == 0)
        {
            return Values;
        }

        var merged = new Dictionary<string, string>(momentValues, StringComparer.Ordinal);
        foreach (var (key, value) in Values)
        {
            merged[key] = value;
        }

        return merged;
    }
}
