using Microsoft.EntityFrameworkCore;
using Platform.Onboarding.Funnel;

namespace Platform.Onboarding.Stalls;

/// <summary>
/// Keeps a client's timers in step with its progress, inside the caller's transaction. Stall
/// thresholds come from the funnel's latest version at the time of scheduling: a change by
/// operators applies to timers scheduled after it.
/// </summary>
public sealed class TimerScheduler(OnboardingDbContext db)
{
    /// <summary>
    /// After progress: each client's stall timer moves to the first threshold after its last
    /// activity (or goes, once it no longer can stall); clients approved now get a dormant timer.
    /// Two statements for the whole batch, whatever its size.
    /// </summary>
    public async Task RescheduleAsync(IReadOnlyList<(ClientFunnel Funnel, FunnelDefinition Latest, bool Approved)> changed,
        CancellationToken cancellationToken)
    {
        if (changed.Count == 0)
        {
            return;
        }

        var clients = changed.Select(c => c.Funnel.ClientId).ToArray();
        var approved = changed.Where(c => c.Approved).Select(c => c.Funnel.ClientId).ToArray();
        // Plain SQL: this runs once per batch on the hot path, and LINQ's per-call expression work showed in profiles.
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"DELETE FROM funnel_timers WHERE client_id = ANY({clients}) AND (kind = {(int)TimerKind.Stall} OR (kind = {(int)TimerKind.Dormant} AND client_id = ANY({approved})))",
            cancellationToken);
        foreach (var (funnel, latest, isApproved) in changed)
        {
            if (funnel.CanStall)
            {
                Add(funnel.ClientId, TimerKind.Stall, 1, funnel.LastActivityAt + latest.StallAfter[0], funnel.LastActivityAt);
            }

            if (isApproved && funnel.ApprovedAt is { } approvedAt)
            {
                Add(funnel.ClientId, TimerKind.Dormant, 1, approvedAt + latest.DormantAfter, approvedAt);
            }
        }
    }

    /// <summary>After a stall fired: the next level, while thresholds remain.</summary>
    public void ScheduleNextStall(ClientFunnel funnel, FunnelDefinition latest, int firedLevel)
    {
        if (firedLevel < latest.StallAfter.Count)
        {
            Add(funnel.ClientId, TimerKind.Stall, firedLevel + 1, funnel.LastActivityAt + latest.StallAfter[firedLevel], funnel.LastActivityAt);
        }
    }

    public Task CancelAsync(string clientId, TimerKind kind, CancellationToken cancellationToken) =>
        db.Set<FunnelTimer>().Where(t => t.ClientId == clientId && t.Kind == kind).ExecuteDeleteAsync(cancellationToken);

    private void Add(string clientId, TimerKind kind, int level, DateTimeOffset dueAt, DateTimeOffset episode) =>
        db.Set<FunnelTimer>().Add(new FunnelTimer { ClientId = clientId, Kind = kind, Level = level, DueAt = dueAt, EpisodeStartedAt = episode });
}
