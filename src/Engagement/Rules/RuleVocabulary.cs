using System.Text.RegularExpressions;

namespace Platform.Engagement.Rules;

/// <summary>The words a rule's fields take besides events and fields: keys, stages, tiers, channels, content kinds, labels.</summary>
public static partial class RuleVocabulary
{
    public const int MaxNameLength = 200;
    public const int MaxPriority = 100;
    public const int MaxListLength = 50;
    public const int MaxTextValueLength = 200;

    public const string KeyRule = "must be 1 to 40 letters, digits, '-' or '_'";

    public static IReadOnlyList<string> Stages { get; } = ["S1", "S2", "S3", "S4", "S5", "S6"];

    public static IReadOnlyList<string> Tiers { get; } = ["V0", "V1", "V2", "V3", "V4", "V5", "V6", "V7"];

    /// <summary>Where an outreach goes (DOMAIN.md section 3's channels).</summary>
    public static IReadOnlyList<string> Channels { get; } = ["inbox", "push", "sms", "wecom", "livestream", "advisor_task"];

    /// <summary>
    /// Content's six kinds as its API spells them (Content's <c>ContentKinds</c>; Engagement does not reference Content's
    /// project, only its selection contract, so the list is repeated here and held equal to Content's seed by a test).
    /// </summary>
    public static IReadOnlyList<string> ContentKinds { get; } = ["product", "insight", "feature", "service", "campaign", "benefit"];

    /// <summary>Texts a client field is known to take, so a condition on a tier "V9" is refused when saved, not silently never true.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> KnownTexts { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [Facts.ClientFields.Stage] = Stages,
        [Facts.ClientFields.Tier] = Tiers,
    };

    public static bool IsKey(string? key) => key is not null && KeyPattern().IsMatch(key);

    /// <summary>Content's label shape (its TagVocabulary.IsSlug): lower-case letters, digits and - _ . +, at most 64.</summary>
    public static bool IsLabel(string? label) => label is not null && LabelPattern().IsMatch(label);

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,40}\z", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"^[a-z0-9_.+-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelPattern();
}
