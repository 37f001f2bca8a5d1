using Platform.Engagement.Rules;

namespace Platform.Engagement.Outreach.Decisions;

/// <summary>The instance being decided, as the pipeline needs it: whose, which rule, how urgent, where it would go.</summary>
/// <param name="Channel">The channel the rule's action (and its escalations) chose when it fired.</param>
/// <param name="WhenCapped">What the rule says to do when the channel's cap is reached.</param>
public sealed record DecisionSubject(
    string InstanceKey, string ClientId, string RuleKey, int Priority, DateTimeOffset FiredAt, string Channel, CappedAction WhenCapped);
