using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Platform.Messaging.Postgres;

namespace Platform.Engagement.Outreach.Firing;

/// <summary>
/// Writes a <see cref="FiringPlan"/> set-based in the caller's transaction: the ended waits deleted, the new waits and
/// schedules inserted unless one is already pending or their instance exists (an anchored one pulling a pending one forward), the instances inserted unless their key exists. The instance key's
/// uniqueness is what makes a replayed, re-derived or concurrently consumed trigger no second instance.
/// </summary>
public static class MomentWrites
{
    // Each ending probes the absence index for its wait (at most one per rule and client: LIMIT 1 is exact), then the rows go
    // by primary key. The LATERAL ... LIMIT keeps the planner from a hash join, which it chose with statistics that had not
    // caught up with the waits' churn (one absence row estimated, thousands there): every batch read the whole partial index
    // into a hash (2.7 ms a call in the million-event benchmark, where the probes take a tenth of that).
    private const string EndWaits = """
        DELETE FROM moment_timers WHERE id = ANY(ARRAY(
            SELECT w.id FROM unnest($1, $2, $3) AS e(rule_key, client_id, at)
            CROSS JOIN LATERAL (SELECT t.id FROM moment_timers t
                                WHERE t.kind = 'absence' AND t.rule_key = e.rule_key AND t.client_id = e.client_id AND t.started_at < e.at
                                LIMIT 1) AS w))
        """;

    // The select that inserts the plan's timers, and the timers as rows (t). The pieces are joined as they are: InsertTimerRows
    // ends with a line break, TimerRows has none at either end, NoInstanceYet starts and ends with one.
    private const string InsertTimerRows = """
        INSERT INTO moment_timers (kind, rule_key, rule_version, client_id, instance_key, started_at, due_at, anchor_at, trigger_event_id, channel,
            priority, content_values)
        SELECT kind, rule_key, rule_version, client_id, instance_key, started_at, due_at, anchor_at, trigger_event_id, channel, priority, content_values::jsonb

        """;

    private const string TimerRows = """
        unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            AS t(kind, rule_key, rule_version, client_id, instance_key, started_at, due_at, anchor_at, trigger_event_id, channel, priority, content_values)
        """;

    // Those whose instance exists already are left out (a later snapshot of an idle run that has fired: a wait or schedule for
    // it would fire nothing new). Each statement below is given only its own kind of timer.
    private const string NoInstanceYet = """

        WHERE NOT EXISTS (SELECT 1 FROM outreach_instances i WHERE i.instance_key = t.instance_key)

        """;

    // Waits and (non-anchored) schedules: one pending per rule and client, or per instance (the unique indexes).
    private const string InsertTimers = InsertTimerRows + "FROM " + TimerRows + NoInstanceYet + "ON CONFLICT DO NOTHING";

    // An anchored schedule: inserted when none is pending; else it pulls the pending one forward when its anchor moved earlier
    // (assets halved before the no-login date), and leaves it when it moved later (it falls due early and is set again:
    // MomentTimerWorker). One statement, so that a timer the worker is re-setting meanwhile is waited for and then judged
    // (an UPDATE then an INSERT missed it: the UPDATE found the row the worker deleted, the INSERT the one it inserted).
    // The conflicting row is locked even when left as it is (PostgreSQL's ON CONFLICT DO UPDATE): a small WAL record, where
    // the old replace of M16's timer on every login was a delete and an insert. Not onto an instance that exists: that episode
    // has fired, the pending time still stands.
    // A pending one due no later than this one, and far enough ahead that no timer worker is claiming it (ClaimMargin, $14,
    // past the later of this replica's clock, $13, and the database's at the statement: a batch that waited for its row locks
    // judges by the time it runs), is left alone without being touched: the conflict below would only lock it (a WAL record
    // per login for M16, whose anchor every login moves later). When it falls due, the worker sets it again from the anchor.
    // The margin assumes the replicas' clocks agree within it: a worker whose clock runs further ahead could be firing the
    // pending one, unseen by this snapshot, and the new one would be lost until the client's next trigger.
    // The pending ones are looked up first, in a subquery the planner does not flatten into the outer query (OFFSET 0), so
    // their filter runs before the instances' probe: they leave out most rows (every
    // login's M16 and every idle snapshot's M09 of a client with one pending), and only the rest probe the instances' keys
    // (planned freely, the instances' probe came first: two index descents for every row of the batch where one does).
    private const string UpsertAnchoredTimers = InsertTimerRows + "FROM (SELECT * FROM " + TimerRows + """

              WHERE NOT EXISTS (SELECT 1 FROM moment_timers p WHERE p.kind = 'anchored' AND p.rule_key = t.rule_key AND p.client_id = t.client_id
                                AND p.due_at <= t.due_at AND p.due_at > GREATEST($13, statement_timestamp()) + $14)
              OFFSET 0) AS t
        """ + NoInstanceYet + """
        ON CONFLICT (rule_key, client_id) WHERE kind = 'anchored' DO UPDATE SET rule_version = EXCLUDED.rule_version, instance_key = EXCLUDED.instance_key,
            started_at = EXCLUDED.started_at, due_at = EXCLUDED.due_at, anchor_at = EXCLUDED.anchor_at, trigger_event_id = EXCLUDED.trigger_event_id,
            channel = EXCLUDED.channel, priority = EXCLUDED.priority, content_values = EXCLUDED.content_values
        WHERE moment_timers.due_at > EXCLUDED.due_at
        """;

    private const string InsertInstances = """
        INSERT INTO outreach_instances (instance_key, client_id, moment, rule_version, priority, trigger_event_id, fired_at, channel, content_values,
            decision, decide_after)
        SELECT instance_key, client_id, moment, rule_version, priority, trigger_event_id, fired_at, channel, content_values::jsonb, decision, decide_after
        FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            AS i(instance_key, client_id, moment, rule_version, priority, trigger_event_id, fired_at, channel, content_values, decision, decide_after)
        ON CONFLICT (instance_key) DO NOTHING
        RETURNING instance_key
        """;

    /// <summary>
    /// How far ahead of this replica's clock a pending timer is out of every timer worker's reach (they claim what is due by
    /// their own clocks, which may run somewhat ahead of this one's). The statement applies it to the later of this clock and the database's.
    /// </summary>
    public static readonly TimeSpan ClaimMargin = TimeSpan.FromMinutes(5);

    /// <returns>How many of the plan's instances were new (the others existed: duplicates).</returns>
    public static async Task<int> ApplyAsync(EngagementDbContext db, FiringPlan plan, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (plan.IsEmpty)
        {
            return 0;
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var batch = new NpgsqlBatch(connection))
        {
            if (plan.Endings.Count > 0)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(EndWaits)
                {
                    Parameters =
                    {
                        SqlArrays.Text(plan.Endings.Select(e => e.RuleKey)), SqlArrays.Text(plan.Endings.Select(e => e.ClientId)),
                        SqlArrays.Of(NpgsqlDbType.TimestampTz, plan.Endings.Select(e => e.At.ToUniversalTime())),
                    },
                });
            }

            foreach (var kind in plan.Timers.GroupBy(t => t.Kind == MomentTimer.Anchored))
            {
                var command = TimersCommand(kind.Key ? UpsertAnchoredTimers : InsertTimers, [.. kind]);
                if (kind.Key)
                {
                    command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = now.ToUniversalTime() });
                    command.Parameters.Add(new NpgsqlParameter<TimeSpan> { NpgsqlDbType = NpgsqlDbType.Interval, TypedValue = ClaimMargin });
                }

                batch.BatchCommands.Add(command);
            }

            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        return await InsertInstancesAsync(connection, plan.Instances, cancellationToken);
    }

    private static NpgsqlBatchCommand TimersCommand(string statement, IReadOnlyList<MomentTimer> timers) => new(statement)
    {
        Parameters =
        {
            SqlArrays.Text(timers.Select(t => t.Kind)), SqlArrays.Text(timers.Select(t => t.RuleKey)),
            SqlArrays.Of(NpgsqlDbType.Integer, timers.Select(t => t.RuleVersion)), SqlArrays.Text(timers.Select(t => t.ClientId)),
            SqlArrays.Text(timers.Select(t => t.InstanceKey)), SqlArrays.Of(NpgsqlDbType.TimestampTz, timers.Select(t => t.StartedAt.ToUniversalTime())),
            SqlArrays.Of(NpgsqlDbType.TimestampTz, timers.Select(t => t.DueAt.ToUniversalTime())),
            SqlArrays.Of(NpgsqlDbType.TimestampTz, timers.Select(t => t.AnchorAt?.ToUniversalTime())),
            SqlArrays.Of(NpgsqlDbType.Uuid, timers.Select(t => t.TriggerEventId)), SqlArrays.Text(timers.Select(t => t.Channel)),
            SqlArrays.Of(NpgsqlDbType.Integer, timers.Select(t => t.Priority)), SqlArrays.Of(NpgsqlDbType.Text, timers.Select(t => t.ContentValues)),
        },
    };

    public static async Task<int> InsertInstancesAsync(NpgsqlConnection connection, IReadOnlyList<OutreachInstance> instances, CancellationToken cancellationToken)
    {
        if (instances.Count == 0)
        {
            return 0;
        }

        await using var command = new NpgsqlCommand(InsertInstances, connection)
        {
            Parameters =
            {
                SqlArrays.Text(instances.Select(i => i.InstanceKey)), SqlArrays.Text(instances.Select(i => i.ClientId)),
                SqlArrays.Text(instances.Select(i => i.Moment)), SqlArrays.Of(NpgsqlDbType.Integer, instances.Select(i => i.RuleVersion)),
                SqlArrays.Of(NpgsqlDbType.Integer, instances.Select(i => i.Priority)), SqlArrays.Of(NpgsqlDbType.Uuid, instances.Select(i => i.TriggerEventId)),
                SqlArrays.Of(NpgsqlDbType.TimestampTz, instances.Select(i => i.FiredAt.ToUniversalTime())), SqlArrays.Text(instances.Select(i => i.Channel)),
                SqlArrays.Of(NpgsqlDbType.Text, instances.Select(i => i.ContentValues)), SqlArrays.Text(instances.Select(i => i.Decision)),
                SqlArrays.Of(NpgsqlDbType.TimestampTz, instances.Select(i => i.DecideAfter.ToUniversalTime())),
            },
        };
        var inserted = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            inserted++;
        }

        return inserted;
    }
}
