using Npgsql;

namespace Platform.Onboarding.Funnel;

/// <summary>
/// One feature's rows for a batch of steps (answers and progress, outbox, stall timers, report
/// increments, early deposits): set-based statements, a fixed few per batch whatever its size, added
/// to the batch's single write round trip in its transaction. Free of side effects: it only reads the
/// decisions (which are final when it runs), so enumerating its rows twice, or not at all, changes nothing.
/// </summary>
public interface IStepBatchRows
{
    IEnumerable<NpgsqlBatchCommand> RowsFor(StepBatchDecisions decisions);
}
