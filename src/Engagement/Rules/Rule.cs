namespace Platform.Engagement.Rules;

/// <summary>
/// A checked rule (API.md, Engagement, Rules): only <see cref="RuleParser"/> makes one, so every rule the book holds names
/// known events, fields, operators, channels and kinds, with values of the right types.
/// </summary>
public sealed record Rule(
    string Key,
    string Name,
    string? Stage,
    int Priority,
    bool Enabled,
    RuleTrigger Trigger,
    RuleAbsence? Absence,
    RuleSchedule? Schedule,
    IReadOnlyList<RuleCondition> Conditions,
    OnceScope Once,
    RuleAction Action,
    int Version);
