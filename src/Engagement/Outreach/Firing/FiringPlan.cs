namespace Platform.Engagement.Outreach.Firing;

/// <summary>
/// What a batch of events does to the moments: instances fired now, waits and schedules started, waits ended; and of the
/// started schedules, those that replace their client's other pending one-off schedules of the same rule (anchored on a
/// client field that has moved on: those can never fire).
/// </summary>
public sealed record FiringPlan(IReadOnlyList<OutreachInstance> Instances, IReadOnlyList<MomentTimer> Timers, IReadOnlyList<AbsenceEnding> Endings,
    IReadOnlyList<MomentTimer>? Replacing = null)
{
    public bool IsEmpty => Instances.Count == 0 && Timers.Count == 0 && Endings.Count == 0;
}

/// <summary>An event that ends a client's pending wait of an absence rule started before <paramref name="At"/>.</summary>
public sealed record AbsenceEnding(string RuleKey, string ClientId, DateTimeOffset At);
