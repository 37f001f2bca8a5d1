namespace Platform.Engagement.Rules;

/// <summary>
/// Every rule as of one state of the rules table (<see cref="Version"/>, the sum of the rows' versions), indexed by the
/// events that trigger them and that end their absences. Immutable: an evaluation works from one snapshot throughout.
/// </summary>
public sealed class RuleBookSnapshot
{
    private readonly Dictionary<string, Rule> byKey;
    private readonly ILookup<string, Rule> byTrigger;
    private readonly ILookup<string, Rule> byAbsence;

    public RuleBookSnapshot(long version, IEnumerable<Rule> rules)
    {
        Version = version;
        Rules = [.. rules.OrderBy(r => r.Key, StringComparer.Ordinal)];
        byKey = Rules.ToDictionary(r => r.Key, StringComparer.Ordinal);
        // Highest priority first, then by key: the order in which a client's simultaneous moments are weighed.
        var enabled = Rules.Where(r => r.Enabled).OrderByDescending(r => r.Priority).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        byTrigger = enabled.SelectMany(r => r.Trigger.Events.Select(e => (Event: e, Rule: r))).ToLookup(p => p.Event, p => p.Rule, StringComparer.Ordinal);
        byAbsence = enabled.Where(r => r.Absence is not null)
            .SelectMany(r => r.Absence!.Events.Select(e => (Event: e, Rule: r))).ToLookup(p => p.Event, p => p.Rule, StringComparer.Ordinal);
    }

    public static RuleBookSnapshot Empty { get; } = new(-1, []);

    public long Version { get; }

    /// <summary>Every rule, enabled or not, by key.</summary>
    public IReadOnlyList<Rule> Rules { get; }

    public Rule? Get(string key) => byKey.GetValueOrDefault(key);

    /// <summary>The enabled rules <paramref name="eventName"/> triggers (as the trigger or an <c>alsoOn</c>), highest priority first.</summary>
    public IEnumerable<Rule> TriggeredBy(string eventName) => byTrigger[eventName];

    /// <summary>The enabled absence rules whose pending waits <paramref name="eventName"/> ends.</summary>
    public IEnumerable<Rule> AbsenceEndedBy(string eventName) => byAbsence[eventName];
}
