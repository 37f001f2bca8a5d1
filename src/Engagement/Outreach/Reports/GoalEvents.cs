using Microsoft.EntityFrameworkCore;

namespace Platform.Engagement.Outreach.Reports;

/// <summary>What the consumer calls for the events it applies, in its own transaction: keeps those a goal names.</summary>
public static class GoalEvents
{
    /// <summary>
    /// Keeps the events some goal names (others are ignored) in one statement; a replayed event is no second row.
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
        return await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO outreach_goal_events (client_id, event_name, occurred_at)
            SELECT * FROM unnest({clients}::text[], {names}::text[], {times}::timestamptz[])
            ON CONFLICT DO NOTHING
            """, cancellationToken);
    }

    /// <summary>One event: <see cref="RecordAsync(EngagementDbContext, IEnumerable{GoalEvent}, CancellationToken)"/>.</summary>
    public static Task<int> RecordAsync(EngagementDbContext db, string clientId, string eventName, DateTimeOffset occurredAt, CancellationToken cancellationToken) =>
        RecordAsync(db, [new GoalEvent { ClientId = clientId, EventName = eventName, OccurredAt = occurredAt }], cancellationToken);
}
