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
}
