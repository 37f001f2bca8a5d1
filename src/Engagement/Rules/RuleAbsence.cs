namespace Platform.Engagement.Rules;

/// <summary>"And none of these within the period": the rule fires when no such event followed the trigger in time.</summary>
public sealed record RuleAbsence(string Event, IReadOnlyList<string> AlsoOn, RuleDuration Within)
{
    public IEnumerable<string> Events => AlsoOn.Prepend(Event);
}
