using Microsoft.EntityFrameworkCore;

namespace Platform.Engagement.Outreach.Reports;

/// <summary>What the consumer calls for the events it applies, in its own transaction: keeps those a goal can count.</summary>
public static class GoalEvents
{
    /// <summary>
    /// Keeps, in one statement, the events that can count for a goal: some goal names the event, and the client has an
    /// instance of one of the moments of that goal fired before it within the longest of their windows (the report and the
    /// stale-recall check only ever ask for those), or a timer of one of those moments is due before it (the timer worker may
    /// be firing its instance, not committed yet). The others, most of a busy day's logins, trades and deposits, are not
    /// written: they were most of the consumer's inserts. An event consumed before the instance it would count for exists is
    /// dropped too; it happened before that instance fired (an instance fires when it is consumed or falls due), unless the
    /// producer's clock ran ahead of Engagement's. A replayed event is no second row.
    /// Runs on <paramref name="db"/>'s connection, in its current transaction when it has one.
    /// </summary>
    public static async Task<int> RecordAsync(EngagementDbContext db, IEnumerable<GoalEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var kept = events.Where(e => MomentGoals.IsGoalEvent(e.EventName)).ToList();
        if (kept.Count == 0)
        {
            return 0;
        }

        var clients = kept.Select(e => e.ClientId).ToArray();
        var names = kept.Select(e => e.EventName).ToArray();
        var times = kept.Select(e => e.OccurredAt.UtcDateTime).ToArray();
        var reached = kept.Select(e => MomentGoals.MomentsReachedBy(e.EventName)).ToList();
        var moments = reached.Select(r => r.Moments).ToArray();
        var windows = reached.Select(r => r.Window).ToArray();
        // One probe of the instances' (client_id, fired_at) index per event: a read, where the insert it spares was a write.
        return await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO outreach_goal_events (client_id, event_name, occurred_at)
            SELECT e.client_id, e.event_name, e.occurred_at
            FROM unnest({clients}::text[], {names}::text[], {times}::timestamptz[], {moments}::text[], {windows}::interval[])
                AS e(client_id, event_name, occurred_at, moments, win)
            WHERE EXISTS (SELECT 1 FROM outreach_instances i
                          WHERE i.client_id = e.client_id AND i.fired_at < e.occurred_at AND i.fired_at >= e.occurred_at - e.win
                            AND i.moment = ANY(string_to_array(e.moments, ',')))
               -- A wait or schedule of one of those moments due before the event: the timer worker may be firing it right now,
               -- its instance not committed yet (it takes no client lock), and the goal must not be lost to that.
               OR EXISTS (SELECT 1 FROM moment_timers t
                          WHERE t.client_id = e.client_id AND t.due_at < e.occurred_at AND t.rule_key = ANY(string_to_array(e.moments, ',')))
            ON CONFLICT DO NOTHING
            """, cancellationToken);
    }

    /// <summary>One event: <see cref="RecordAsync(EngagementDbContext, IEnumerable{GoalEvent}, CancellationToken)"/>.</summary>
    public static Task<int> RecordAsync(EngagementDbContext db, string clientId, string eventName, DateTimeOffset occurredAt, CancellationToken cancellationToken) =>
        RecordAsync(db, [new GoalEvent { ClientId = clientId, EventName = eventName, OccurredAt = occurredAt }], cancellationToken);
}
