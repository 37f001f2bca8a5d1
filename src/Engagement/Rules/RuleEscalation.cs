namespace Platform.Engagement.Rules;

/// <summary>When every condition holds, the outreach goes on <see cref="Channel"/> instead (M02's SMS at the third stall level).</summary>
public sealed record RuleEscalation(IReadOnlyList<RuleCondition> Conditions, string Channel);
