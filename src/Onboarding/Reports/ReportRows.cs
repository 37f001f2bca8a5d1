using Npgsql;
using Platform.Onboarding.Funnel;

namespace Platform.Onboarding.Reports;

/// <summary>The batch's one pending report increment (the projector adds it to the cells).</summary>
internal sealed class ReportRows : IStepBatchRows
{
    public IEnumerable<NpgsqlBatchCommand> RowsFor(StepBatchDecisions decisions) =>
        FunnelReportProjection.Defer(decisions.ReportChanges, decisions.Now) is { } command ? [command] : [];
}
