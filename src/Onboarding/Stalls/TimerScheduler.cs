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
    /// <summary>After progress: the next stall check is the first threshold after the last activity, or none.</summary>
    public async Task ScheduleStallAsync(ClientFunnel funnel, FunnelDefinition latest, CancellationToken cancellationToken)
    {
        await CancelAsync(funnel.ClientId, TimerKind.Stall, cancellationToken);
        if (funnel.CanStall)
        {
            Add(funnel.ClientId, TimerKind.Stall, 1, funnel.LastActivityAt + latest.StallAfter[0], funnel.LastActivityAt);
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

    public async Task ScheduleDormantAsync(ClientFunnel funnel, FunnelDefinition latest, CancellationToken cancellationToken)
    {
        await CancelAsync(funnel.ClientId, TimerKind.Dormant, cancellationToken);
        Add(funnel.ClientId, TimerKind.Dormant, 1, funnel.ApprovedAt!.Value + latest.DormantAfter, funnel.ApprovedAt.Value);
    }

    public Task CancelAsync(string clientId, TimerKind kind, CancellationToken cancellationToken) =>
        db.Set<FunnelTimer>().Where(t => t.ClientId == clientId && t.Kind == kind).ExecuteDeleteAsync(cancellationToken);

    private void Add(string clientId, TimerKind kind, int level, DateTimeOffset dueAt, DateTimeOffset episode) =>
        db.Set<FunnelTimer>().Add(new FunnelTimer { ClientId = clientId, Kind = kind, Level = level, DueAt = dueAt, EpisodeStartedAt = episode });
}
