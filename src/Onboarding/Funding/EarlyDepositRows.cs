using Npgsql;
using NpgsqlTypes;
using Platform.Messaging.Postgres;
using Platform.Onboarding.Funnel;

namespace Platform.Onboarding.Funding;

/// <summary>Early deposits that funded their clients at approval go in the approval's transaction.</summary>
internal sealed class EarlyDepositRows : IStepBatchRows
{
    private const string DeleteApplied = "DELETE FROM early_deposits WHERE client_id = ANY($1)";

    public IEnumerable<NpgsqlBatchCommand> RowsFor(StepBatchDecisions decisions) => decisions.EarlyDepositsApplied.Count == 0
        ? []
        : [Sql.Command(DeleteApplied, SqlArrays.Of(NpgsqlDbType.Text, decisions.EarlyDepositsApplied))];
}
