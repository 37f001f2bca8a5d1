using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Messaging;
using Platform.Messaging.Postgres;
using Platform.Onboarding.Events;
using Platform.Onboarding.Funnel;
using Platform.Onboarding.Progress;
using Platform.ServiceDefaults.Data;

namespace Platform.Onboarding.Stalls;

/// <summary>
/// Fires due timers: claims them with FOR UPDATE SKIP LOCKED, applies the stall or dormancy
/// with its event in the outbox and deletes the row, all in one transaction, so that each
/// fires once across restarts and replicas. A timer whose client has moved on since it was
/// scheduled is dropped without an event.
/// </summary>
public sealed class TimerWorker(
    IServiceScopeFactory scopes, IDatabaseReadiness database, IOptions<StallOptions> options, TimeProvider time,
    StallTelemetry telemetry, ILogger<TimerWorker> logger) : DrainingWorker(database, logger)
{
    protected override TimeSpan Pause => options.Value.PollInterval;

    // Business time: tests move a fake clock past thresholds and the worker must notice.
    protected override TimeProvider PauseClock => time;

    protected override string WorkName => "funnel timers";

    protected override async Task<bool> DrainOnceAsync(int loop, CancellationToken cancellationToken) =>
        await FireDueAsync(cancellationToken) >= options.Value.BatchSize;

    /// <summary>Fires the timers due now; returns how many rows were claimed.</summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<OnboardingDbContext>();
        var definitions = services.GetRequiredService<FunnelDefinitionStore>();
        var scheduler = services.GetRequiredService<TimerScheduler>();
        var now = time.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.Set<FunnelTimer>()
            .FromSqlInterpolated($"SELECT * FROM funnel_timers WHERE due_at <= {now} ORDER BY due_at LIMIT {options.Value.BatchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        var changed = new List<ClientFunnel>();
        var counts = new List<Action>(); // counted once committed: a round rolled back and run again counts once
        foreach (var timer in due)
        {
            // Step recording holds the client's lock while it replaces timers: skip rather than wait (and deadlock).
            if (!await db.Database.TryLockClientAsync(timer.ClientId, cancellationToken))
            {
                continue;
            }

            db.Remove(timer);
            var funnel = await db.ClientFunnels.FirstOrDefaultAsync(f => f.ClientId == timer.ClientId, cancellationToken);
            if (funnel is null || (await definitions.GetLatestAsync(funnel.Funnel, cancellationToken))?.Definition is not { } latest)
            {
                continue;
            }

            if (timer.Kind == TimerKind.Stall && funnel.CanStall && funnel.LastActivityAt == timer.EpisodeStartedAt)
            {
                funnel.MarkStalled(timer.Level);
                scheduler.ScheduleNextStall(funnel, latest, timer.Level);
                db.AddOutboxEvent(Topics.OnboardingEvents, funnel.ClientId, Stalled(funnel, timer, latest), now);
                var (level, step) = (timer.Level, funnel.CurrentStep);
                counts.Add(() => telemetry.Stalled(level, step));
                changed.Add(funnel);
            }
            else if (timer.Kind == TimerKind.Dormant && funnel.MarkDormant(now))
            {
                db.AddOutboxEvent(Topics.OnboardingEvents, funnel.ClientId, new AccountDormant
                {
                    ClientId = funnel.ClientId, ApprovedAt = Timestamp.FromDateTimeOffset(funnel.ApprovedAt!.Value),
                    DormantAfter = Duration.FromTimeSpan(latest.DormantAfter), Channel = funnel.Channel, Campaign = funnel.Campaign,
                }, now);
                counts.Add(telemetry.Dormant);
                changed.Add(funnel);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        counts.ForEach(count => count());
        // Not cancelled by a stopping host: these timers are gone, so nothing would refresh the copies later.
        await services.GetRequiredService<ProgressCache>().RefreshAllAsync(changed, CancellationToken.None);

        return due.Count;
    }

    private static ProspectStalled Stalled(ClientFunnel funnel, FunnelTimer timer, FunnelDefinition latest) => new()
    {
        ClientId = funnel.ClientId,
        Funnel = funnel.Funnel,
        FunnelVersion = funnel.FunnelVersion,
        Step = funnel.CurrentStep.ToWireName(),
        Level = timer.Level,
        Threshold = Duration.FromTimeSpan(latest.StallAfter[timer.Level - 1]),
        StalledSince = Timestamp.FromDateTimeOffset(funnel.LastActivityAt),
        Channel = funnel.Channel,
        Campaign = funnel.Campaign,
        RegisteredAt = Timestamp.FromDateTimeOffset(funnel.RegisteredAt),
    };
}
