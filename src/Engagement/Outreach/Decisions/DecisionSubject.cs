using Platform.Engagement.Rules;

namespace Platform.Engagement.Outreach.Decisions;

/// <summary>The instance being decided, as the pipeline needs it: whose, which rule, how urgent, where it would go.</summary>
/// <param name="Channel">The channel the rule's action (and its escalations) chose when it fired.</param>
/// <param name="WhenCapped">What the rule says to do when the channel's cap is reached.</param>
/// <param name="DeferredUntil">Set once quiet hours deferred the instance: this decision is a later one.</param>
/// <param name="GoalReachedAt">
/// The earliest of the client's events that the moment's goal names (<see cref="Reports.MomentGoals"/>) recorded after
/// the instance fired, null when none (or the rule has no goal, or nobody asked: only deferred instances are asked).
/// </param>
public sealed record DecisionSubject(
    string InstanceKey, string ClientId, string RuleKey, int Priority, DateTimeOffset FiredAt, string Channel, CappedAction WhenCapped,
    DateTimeOffset? DeferredUntil = null, DateTimeOffset? GoalReachedAt = null);
