namespace Platform.Engagement.Rules;

/// <summary>What a firing rule asks for: a channel (or an escalation's), content, and what a capped outreach becomes.</summary>
public sealed record RuleAction(string Channel, RuleContent Content, IReadOnlyList<RuleEscalation> Escalations, CappedAction WhenCapped);
