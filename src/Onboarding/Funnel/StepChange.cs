namespace Platform.Onboarding.Funnel;

/// <summary>What one step report did to a client's progress, so that the step path knows what to write, publish and reschedule.</summary>
public enum StepChange
{
    /// <summary>Nothing: a step reached before, a rejection the facts overrule, an older assessment.</summary>
    None,

    /// <summary>
    /// The row changed, but the client did not progress: the same risk level assessed again (its date moves on, so that
    /// an older assessment arriving later cannot take over), or a rejection the client had already answered (by a
    /// resubmission that progressed, or by the approval), which is counted and dated as it would have been in time.
    /// The row is written so that later reports are judged against it; nothing is published, counted as recorded or
    /// rescheduled ("a step never counts twice", no outreach for a rejection already answered).
    /// </summary>
    Silent,

    /// <summary>
    /// A new risk level on a step reached before (the core system re-assessed): the level travels with the events, so
    /// the step is published, but neither the current step nor the reached steps moved. The client did nothing: its last
    /// activity, its stall episode and its timers stay, so a stalled client is not told a second time that it stalled.
    /// </summary>
    Reassessed,

    /// <summary>The client progressed (a step reached, a step further along, a rejection that reopens): written, published, rescheduled.</summary>
    Progressed,
}
