namespace Platform.Gateway.Engagement;

/// <summary>A rule as API.md writes it, with the additions alsoOn, schedule, escalations and whenCapped; version is read-only.</summary>
internal sealed record RuleResponse(
    string Key, string Name, string? Stage, int Priority, bool Enabled, RuleTriggerBody Trigger, RuleAbsenceBody? Absence, RuleScheduleBody? Schedule,
    IReadOnlyList<RuleConditionBody> Conditions, string Once, RuleActionBody Action, int Version);
