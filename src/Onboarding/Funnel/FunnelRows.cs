using Npgsql;
using NpgsqlTypes;
using Platform.Messaging.Postgres;

namespace Platform.Onboarding.Funnel;

/// <summary>
/// The funnel's own rows of a batch: answers, progress and newly reached steps, one set-based
/// statement per table whatever the batch size. Plain SQL: EF's change tracking and one statement
/// per row cost more CPU, in the service and in PostgreSQL, than the rest of recording a step.
/// The rows' version is the trigger's; the decisions already carry it (<see cref="StepBatchDecisions.Change"/>).
/// </summary>
internal sealed class FunnelRows : IStepBatchRows
{
    private const string InsertAnswers = """
        INSERT INTO recorded_step_events (event_id, client_id, status, current_step, next_step, recorded_at)
        SELECT * FROM unnest($1, $2, $3, $4, $5, $6)
        """;

    // Every column: the writer holds the client's advisory lock, as every other writer of these rows does.
    private const string UpsertFunnels = """
        INSERT INTO client_funnels (client_id, funnel, funnel_version, status, current_step, channel, campaign, risk_level,
            registered_at, last_activity_at, stalled_since, resubmissions, rejected_at, in_rework, stall_level, approved_at, funded_at, dormant_at,
            risk_assessed_at, last_submitted_at)
        SELECT * FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
        ON CONFLICT (client_id) DO UPDATE SET
            status = excluded.status, current_step = excluded.current_step, channel = excluded.channel, campaign = excluded.campaign,
            risk_level = excluded.risk_level, registered_at = excluded.registered_at, last_activity_at = excluded.last_activity_at,
            stalled_since = excluded.stalled_since, resubmissions = excluded.resubmissions, rejected_at = excluded.rejected_at, in_rework = excluded.in_rework,
            stall_level = excluded.stall_level, approved_at = excluded.approved_at, funded_at = excluded.funded_at,
            dormant_at = excluded.dormant_at, risk_assessed_at = excluded.risk_assessed_at,
            last_submitted_at = excluded.last_submitted_at
        """;

    private const string InsertReachedSteps = """
        INSERT INTO funnel_steps (client_id, step, occurred_at, event_id)
        SELECT * FROM unnest($1, $2, $3, $4)
        """;

    public IEnumerable<NpgsqlBatchCommand> RowsFor(StepBatchDecisions decisions)
    {
        var answers = decisions.Answers;
        if (answers.Count > 0)
        {
            yield return Sql.Command(InsertAnswers,
                SqlArrays.Of(NpgsqlDbType.Uuid, answers.Select(a => a.EventId)),
                SqlArrays.Of(NpgsqlDbType.Text, answers.Select(a => a.ClientId)),
                SqlArrays.Of(NpgsqlDbType.Text, answers.Select(a => a.Status)),
                SqlArrays.Of(NpgsqlDbType.Text, answers.Select(a => a.CurrentStep)),
                SqlArrays.Of(NpgsqlDbType.Text, answers.Select(a => a.NextStep)),
                SqlArrays.Of(NpgsqlDbType.TimestampTz, answers.Select(a => a.RecordedAt.ToUniversalTime())));
        }

        var funnels = decisions.Changed.Values.Select(c => c.Funnel).ToList();
        if (funnels.Count > 0)
        {
            yield return Sql.Command(UpsertFunnels,
                SqlArrays.Of(NpgsqlDbType.Text, funnels.Select(f => f.ClientId)),
                SqlArrays.Of(NpgsqlDbType.Text, funnels.Select(f => f.Funnel)),
                SqlArrays.Of(NpgsqlDbType.Integer, funnels.Select(f => f.FunnelVersion)),
                SqlArrays.Of(NpgsqlDbType.Text, funnels.Select(f => f.Status.ToString())),
                SqlArrays.Of(NpgsqlDbType.Text, funnels.Select(f => f.CurrentStep.ToString())),
                SqlArrays.Of(NpgsqlDbType.Text, funnels.Select(f => f.Channel)),
                SqlArrays.Of(NpgsqlDbType.Text, funnels.Select(f => f.Campaign)),
                SqlArrays.Of(NpgsqlDbType.Text, funnels.Select(f => f.RiskLevel)),
                SqlArrays.Of(NpgsqlDbType.TimestampTz, funnels.Select(f => f.RegisteredAt.ToUniversalTime())),
                SqlArrays.Of(NpgsqlDbType.TimestampTz, funnels.Select(f => f.LastActivityAt.ToUniversalTime())),
                SqlArrays.Of(NpgsqlDbType.TimestampTz, funnels.Select(f => f.StalledSince?.ToUniversalTime())),
                SqlArrays.Of(NpgsqlDbType.Integer, funnels.Select(f => f.Resubmissions)),
                SqlArrays.Of(NpgsqlDbType.TimestampTz, funnels.Select(f => f.RejectedAt?.ToUniversalTime())),
                SqlArrays.Of(NpgsqlDbType.Boolean, funnels.Select(f => f.InRework)),
                SqlArrays.Of(NpgsqlDbType.Integer, funnels.Select(f => f.StallLevel)),
                SqlArrays.Of(NpgsqlDbType.TimestampTz, funnels.Select(f => f.ApprovedAt?.ToUniversalTime())),
                SqlArrays.Of(NpgsqlDbType.TimestampTz, funnels.Select(f => f.FundedAt?.ToUniversalTime())),
                SqlArrays.Of(NpgsqlDbType.TimestampTz, funnels.Select(f => f.DormantAt?.ToUniversalTime())),
                SqlArrays.Of(NpgsqlDbType.TimestampTz, funnels.Select(f => f.RiskAssessedAt?.ToUniversalTime())),
                SqlArrays.Of(NpgsqlDbType.TimestampTz, funnels.Select(f => f.LastSubmittedAt?.ToUniversalTime())));

            // The domain only ever appends to a client's reached steps.
            var reached = funnels.SelectMany(f => f.Reached.Skip(decisions.ReachedBefore(f.ClientId)).Select(r => (f.ClientId, r))).ToList();
            if (reached.Count > 0)
            {
                yield return Sql.Command(InsertReachedSteps,
                    SqlArrays.Of(NpgsqlDbType.Text, reached.Select(r => r.ClientId)),
                    SqlArrays.Of(NpgsqlDbType.Text, reached.Select(r => r.r.Step.ToString())),
                    SqlArrays.Of(NpgsqlDbType.TimestampTz, reached.Select(r => r.r.OccurredAt.ToUniversalTime())),
                    SqlArrays.Of(NpgsqlDbType.Uuid, reached.Select(r => r.r.EventId)));
            }
        }
    }
}
