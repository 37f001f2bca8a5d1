namespace Platform.Engagement.Rules;

/// <summary>The event that fires a rule, and the events that count as the same trigger (a trade or a product purchase).</summary>
public sealed record RuleTrigger(string Event, IReadOnlyList<string> AlsoOn)
{
    public IEnumerable<string> Events => AlsoOn.Prepend(Event);
}
