using Npgsql;

namespace Platform.Onboarding.Funnel;

/// <summary>The batch's events, into the outbox in the transaction of the progress they report.</summary>
internal sealed class OutboxRows : IStepBatchRows
{
    public IEnumerable<NpgsqlBatchCommand> RowsFor(StepBatchDecisions decisions) =>
        decisions.Outbox.ToCommand() is { } command ? [command] : [];
}
