using Microsoft.EntityFrameworkCore;

namespace Platform.Engagement.Outreach.Decisions;

/// <summary>
/// Claims due undecided instances for one replica: their decide_after moves to the end of a lease in one statement
/// (FOR UPDATE SKIP LOCKED, so replicas never claim the same ones), committed at once, so no lock is held while Content
/// is asked for words. The decision is then recorded only where the lease still stands (<see cref="DecisionRecorder"/>):
/// a replica that outlived its lease records nothing, and the instance is decided once.
/// </summary>
public static class InstanceLeases
{
    public static Task<List<OutreachInstance>> ClaimAsync(EngagementDbContext db, DateTimeOffset now, DateTimeOffset leaseUntil, int batchSize,
        CancellationToken cancellationToken) =>
        db.OutreachInstances.FromSql($"""
            UPDATE outreach_instances SET decide_after = {leaseUntil}
            WHERE instance_key IN (
                SELECT instance_key FROM outreach_instances
                WHERE decision IN ('pending', 'deferred') AND decide_after <= {now}
                ORDER BY decide_after
                LIMIT {batchSize}
                FOR UPDATE SKIP LOCKED)
            RETURNING *
            """).AsNoTracking().ToListAsync(cancellationToken);

    /// <summary>
    /// Of the round's decided instances, the keys of those whose lease still stands, their rows locked until the caller's
    /// transaction ends (in key order, as the recording UPDATE goes): another replica can no longer claim them (its claim
    /// skips locked rows), so what the round's other decisions are judged against is what it records. An instance whose lease
    /// was lost is another replica's to decide, and this round's verdict on it must weigh nothing.
    /// </summary>
    public static async Task<HashSet<string>> HoldAsync(EngagementDbContext db, IReadOnlyCollection<OutreachInstance> instances,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(instances);
        if (instances.Count == 0)
        {
            return [];
        }

        var keys = instances.Select(i => i.InstanceKey).ToArray();
        var leases = instances.Select(i => i.DecideAfter.UtcDateTime).ToArray();
        var held = await db.Database.SqlQuery<string>($"""
            SELECT i.instance_key AS "Value"
            FROM outreach_instances AS i
            JOIN unnest({keys}::text[], {leases}::timestamptz[]) AS l(instance_key, lease) ON l.instance_key = i.instance_key
            WHERE i.decide_after = l.lease AND i.decision IN ('pending', 'deferred')
            ORDER BY i.instance_key
            FOR UPDATE OF i
            """).ToListAsync(cancellationToken);
        return held.ToHashSet(StringComparer.Ordinal);
    }
}
