namespace Platform.Engagement.Rules;

/// <summary>One version of a rule as it was saved, kept for good: the audit's <c>ruleVersion</c> can always be read back.</summary>
public sealed class StoredRuleVersion
{
    public required string Key { get; init; }

    public int Version { get; init; }

    public required string Definition { get; init; }

    public DateTimeOffset SavedAt { get; init; }
}
