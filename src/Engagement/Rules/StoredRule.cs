namespace Platform.Engagement.Rules;

/// <summary>
/// A rule's current version as a row: the checked rule in its API form (JSON), so the nested shape (trigger, absence,
/// conditions, action) needs no table of its own. Every edit replaces it, bumps <see cref="Version"/> (the concurrency
/// token: two operators saving at once, the second fails) and appends to <see cref="StoredRuleVersion"/>.
/// Rows are never deleted, so the sum of the versions names the rule book's state (<see cref="RuleBook"/>).
/// </summary>
public sealed class StoredRule
{
    public required string Key { get; init; }

    /// <summary>The rule as the API returns it (platform.engagement.v1.Rule in protobuf JSON), without version and time.</summary>
    public required string Definition { get; set; }

    public int Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
