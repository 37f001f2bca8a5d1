using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Platform.Content.Targeting;

/// <summary>
/// What a tag may say. A tag is <c>namespace:value</c> in lower case. Operators set the KYC
/// (age band, region) and KYI (style, horizon, interests) namespaces through the tags route;
/// the profile derives the rest from the other services' events, so an operator can target
/// them but never set them (a risk level typed by hand would bypass the assessment).
/// A closed namespace lists its values, so a typo in a segment or a targeting rule is a 400
/// rather than an item that silently reaches nobody.
/// </summary>
public static class TagVocabulary
{
    public const int MaxTagLength = 64;

    /// <summary>The tiers lowest first: the next tier of one is the one after it.</summary>
    public static readonly ImmutableArray<string> TierOrder = ["V0", "V1", "V2", "V3", "V4", "V5", "V6", "V7"];

    public static readonly FrozenSet<string> Tiers = TierOrder.ToFrozenSet();

    public static readonly FrozenSet<string> Stages = FrozenSet.Create("S1", "S2", "S3", "S4", "S5", "S6");

    /// <summary>Namespaces operators set; a null value set means any slug.</summary>
    public static readonly FrozenDictionary<string, FrozenSet<string>?> OperatorNamespaces =
        new Dictionary<string, FrozenSet<string>?>
        {
            ["age"] = FrozenSet.Create("18-24", "25-34", "35-44", "45-54", "55-64", "65+"),
            ["region"] = null,
            ["style"] = FrozenSet.Create("fundamental", "technical"),
            ["horizon"] = FrozenSet.Create("short", "long"),
            ["interest"] = null,
        }.ToFrozenDictionary();

    /// <summary>Namespaces the profile derives from events (risk from the assessment, tier, stage, acquisition channel and campaign).</summary>
    public static readonly FrozenDictionary<string, FrozenSet<string>?> DerivedNamespaces =
        new Dictionary<string, FrozenSet<string>?>
        {
            ["risk"] = FrozenSet.Create("c1", "c2", "c3", "c4", "c5"),
            ["tier"] = Tiers.Select(t => t.ToLowerInvariant()).ToFrozenSet(),
            ["stage"] = Stages.Select(s => s.ToLowerInvariant()).ToFrozenSet(),
            ["channel"] = null,
            ["campaign"] = null,
        }.ToFrozenDictionary();

    /// <summary>Why <paramref name="tag"/> cannot be used, or null. Operators may only set their own namespaces.</summary>
    public static string? CheckOperatorTag(string tag) => Check(tag, derivedAllowed: false);

    /// <summary>Why <paramref name="tag"/> cannot be targeted, or null. Targeting and segments may name any known namespace.</summary>
    public static string? CheckTargetTag(string tag) => Check(tag, derivedAllowed: true);

    /// <summary>The tag for a derived fact, or null when the value cannot be written as a tag (a campaign named in free text).</summary>
    public static string? Derived(string @namespace, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var tag = $"{@namespace}:{value.Trim().ToLowerInvariant()}";
        return Check(tag, derivedAllowed: true) is null ? tag : null;
    }

    private static string? Check(string tag, bool derivedAllowed)
    {
        if (tag.Length is 0 or > MaxTagLength)
        {
            return $"a tag is 1 to {MaxTagLength} characters";
        }

        var colon = tag.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == tag.Length - 1 || !IsSlug(tag.AsSpan(0, colon)) || !IsSlug(tag.AsSpan(colon + 1)))
        {
            return $"'{tag}' is not namespace:value in lower-case letters, digits and - _ . +";
        }

        var @namespace = tag[..colon];
        var value = tag[(colon + 1)..];
        if (OperatorNamespaces.TryGetValue(@namespace, out var values) || (derivedAllowed && DerivedNamespaces.TryGetValue(@namespace, out values)))
        {
            return values is null || values.Contains(value) ? null : $"'{value}' is not a {@namespace}; known: {string.Join(", ", values.Order(StringComparer.Ordinal))}";
        }

        return DerivedNamespaces.ContainsKey(@namespace)
            ? $"'{@namespace}' tags come from the client's events and cannot be set by hand"
            : $"unknown tag namespace '{@namespace}'; known: {string.Join(", ", KnownNamespaces(derivedAllowed))}";
    }

    private static IEnumerable<string> KnownNamespaces(bool derivedAllowed) =>
        (derivedAllowed ? OperatorNamespaces.Keys.Concat(DerivedNamespaces.Keys) : OperatorNamespaces.Keys).Order(StringComparer.Ordinal);

    internal static bool IsSlug(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c is not ('-' or '_' or '.' or '+'))
            {
                return false;
            }
        }

        return !text.IsEmpty;
    }
}
