using Platform.Engagement.Policies;

namespace Platform.Engagement.Settings;

/// <summary>
/// How long an advisor has for a task: <paramref name="ByTier"/> for the client's tier when it names it, otherwise
/// <paramref name="Default"/> (a task for a client below advisorTaskFromTier comes from a rule whose channel is
/// advisor_task, such as M17's transfer-out).
/// </summary>
public sealed record AdvisorTaskSla(TimeSpan Default, IReadOnlyDictionary<int, TimeSpan> ByTier)
{
    public TimeSpan For(int tierLevel) => ByTier.TryGetValue(tierLevel, out var sla) ? sla : Default;

    /// <summary>The wire form: tier names to durations.</summary>
    public IEnumerable<KeyValuePair<string, TimeSpan>> ByTierName =>
        ByTier.OrderBy(t => t.Key).Select(t => KeyValuePair.Create(TierLevels.NameOf(t.Key), t.Value));
}
