using Microsoft.EntityFrameworkCore;
using Platform.Engagement.Outreach.Reports;

namespace Platform.Engagement.Outreach.Decisions;

/// <summary>
/// Whether a deferred instance went stale overnight: the earliest goal event of its moment (<see cref="MomentGoals"/>,
/// as the lifecycle consumer records them in <c>outreach_goal_events</c>) that its client did after the instance fired.
/// Asked only for instances quiet hours deferred whose rule has a goal (an operator's rule has none: nothing changes for
/// it), and for sent instances whose delivery quiet hours held (DeliveryWorker). One statement, PK probes of the goal table, on the caller's connection and transaction: it sees every goal event
/// whose consuming transaction committed before the statement began.
/// </summary>
public static class GoalsSinceFiring
{
    /// <summary>Whether the instance is asked: deferred before, and its rule has a goal.</summary>
    public static bool Applies(OutreachInstance instance) => instance.DeferredUntil is not null && MomentGoals.For(instance.Moment) is not null;

    /// <returns>By instance key, when the goal was first reached after firing; instances without are left out.</returns>
    public static Task<Dictionary<string, DateTimeOffset>> ReadAsync(EngagementDbContext db, IEnumerable<OutreachInstance> instances,
        CancellationToken cancellationToken) =>
        ReadAsync(db, instances.Where(Applies).Select(i => new GoalProbe(i.InstanceKey, i.ClientId, i.Moment, i.FiredAt)), cancellationToken);

    /// <returns>By instance key, when the goal of its moment was first reached after it fired; those without are left out.</returns>
    public static async Task<Dictionary<string, DateTimeOffset>> ReadAsync(EngagementDbContext db, IEnumerable<GoalProbe> probes,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var asked = probes.Where(p => MomentGoals.For(p.Moment) is not null)
            .SelectMany(p => MomentGoals.For(p.Moment)!.Events.Select(name => (p.InstanceKey, p.ClientId, p.FiredAt, Name: name))).ToList();
        if (asked.Count == 0)
        {
            return [];
        }

        var keys = asked.Select(a => a.InstanceKey).ToArray();
        var clients = asked.Select(a => a.ClientId).ToArray();
        var fired = asked.Select(a => a.FiredAt.UtcDateTime).ToArray();
        var names = asked.Select(a => a.Name).ToArray();
        // Strictly after firing: the trigger itself (a step for M01) never counts, as in the report's uplift.
        var rows = await db.Database.SqlQuery<GoalReached>($"""
            SELECT a.instance_key AS "InstanceKey", min(e.occurred_at) AS "ReachedAt"
            FROM unnest({keys}::text[], {clients}::text[], {fired}::timestamptz[], {names}::text[]) AS a(instance_key, client_id, fired_at, event_name)
            JOIN outreach_goal_events e ON e.client_id = a.client_id AND e.event_name = a.event_name AND e.occurred_at > a.fired_at
            GROUP BY a.instance_key
            """).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.InstanceKey, r => r.ReachedAt, StringComparer.Ordinal);
    }
}

/// <summary>An instance asked whether its moment's goal was reached after it fired.</summary>
public sealed record GoalProbe(string InstanceKey, string ClientId, string Moment, DateTimeOffset FiredAt);
