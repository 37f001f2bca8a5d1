namespace Platform.Engagement.Outreach.Firing;

/// <summary>
/// What a batch of events does to the moments: instances fired now, waits and schedules started (an anchored schedule's
/// also pulls its client's pending one forward when the anchor moved earlier), waits ended. The timers are in no particular
/// order: each kind is written by one statement, and at most one of each wait, anchored schedule or instance goes in.
/// </summary>
public sealed record FiringPlan(IReadOnlyList<OutreachInstance> Instances, IReadOnlyList<MomentTimer> Timers, IReadOnlyList<AbsenceEnding> Endings)
{
    public bool IsEmpty => Instances.Count == 0 && Timers.Count == 0 && Endings.Count == 0;
}

/// <summary>An event that ends a client's pending wait of an absence rule started before <paramref name="At"/>.</summary>
public sealed record AbsenceEnding(string RuleKey, string ClientId, DateTimeOffset At);
