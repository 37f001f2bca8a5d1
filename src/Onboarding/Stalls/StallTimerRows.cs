using Npgsql;
using Platform.Onboarding.Funnel;

namespace Platform.Onboarding.Stalls;

/// <summary>The batch's stall and dormant timers, rescheduled from the changed clients' progress.</summary>
internal sealed class StallTimerRows : IStepBatchRows
{
    public IEnumerable<NpgsqlBatchCommand> RowsFor(StepBatchDecisions decisions) =>
        TimerScheduler.Reschedule(decisions.Changed.Values.ToList());
}
