namespace Platform.Onboarding.Funnel;

/// <summary>What one step report did to a client's progress, so that the step path knows what to write and publish.</summary>
public enum StepChange
{
    /// <summary>Nothing: a step reached before, a rejection the facts overrule, an older assessment.</summary>
    None,

    /// <summary>
    /// Only the dates that decide later facts moved (a repeated submission, the same risk level assessed again):
    /// the row is written so that later reports are judged against them, but the client did not progress, so
    /// nothing is published, counted or rescheduled ("a step never counts twice").
    /// </summary>
    DatesOnly,

    /// <summary>The client progressed (a step reached, a step further along, a new level, a rejection): written and published.</summary>
    Progressed,
}
