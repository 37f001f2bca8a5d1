namespace Platform.Engagement.Policies;

/// <summary>
/// Several moments of one client within the priority window: only one goes, the rest are <c>lower_priority</c>. The
/// highest priority wins; a tie goes to the one fired first, then to the smaller rule key, then the smaller instance
/// key (ordinal), so every replica and every replay picks the same one.
/// </summary>
public static class PriorityResolution
{
    public static IComparer<PriorityCandidate> Order { get; } = Comparer<PriorityCandidate>.Create((a, b) =>
    {
        var byPriority = b.Priority.CompareTo(a.Priority);
        if (byPriority != 0)
        {
            return byPriority;
        }

        var byFiring = a.FiredAt.CompareTo(b.FiredAt);
        if (byFiring != 0)
        {
            return byFiring;
        }

        var byRule = string.CompareOrdinal(a.RuleKey, b.RuleKey);
        return byRule != 0 ? byRule : string.CompareOrdinal(a.InstanceKey, b.InstanceKey);
    });

    /// <summary>The one that goes; the caller gives the candidates of one client within the window.</summary>
    public static PriorityCandidate Winner(IEnumerable<PriorityCandidate> candidates) =>
        candidates.Order(Order).FirstOrDefault() ?? throw new ArgumentException("No candidates.", nameof(candidates));

    /// <summary>
    /// Whether <paramref name="candidate"/> goes: no other candidate fired within <paramref name="window"/> of it
    /// (before or after) comes first in <see cref="Order"/>.
    /// </summary>
    public static bool Goes(PriorityCandidate candidate, IEnumerable<PriorityCandidate> others, TimeSpan window) =>
        !others.Any(other => other.InstanceKey != candidate.InstanceKey
            && (other.FiredAt - candidate.FiredAt).Duration() <= window
            && Order.Compare(other, candidate) < 0);
}
