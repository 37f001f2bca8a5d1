using Microsoft.Extensions.Options;
using Platform.Messaging.Postgres;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Time;

namespace Platform.Engagement.Lifecycle;

/// <summary>
/// Changes stages that time alone changes (S4 to S5 after 30 days without a trade, S6 when no login for 30 days starts to
/// stand, and back when a transfer-out signal ends): claims the clients whose next check is due and whose lock is free
/// (<see cref="ClientStateStore.ClaimDueAsync"/>), settles them at the clock's time with their StageChanged in the outbox,
/// in one transaction, so each change is published once across restarts and replicas. Driven by <see cref="TimeProvider"/>: tests move a fake clock.
/// </summary>
public sealed class StageSweeper(
    IServiceScopeFactory scopes, IDatabaseReadiness database, IOptionsMonitor<LifecycleOptions> options, TimeProvider time,
    ILogger<StageSweeper> logger) : DrainingWorker(database, logger)
{
    protected override TimeSpan Pause => options.CurrentValue.SweepInterval;

    // Business time: tests move a fake clock past the 30 days and the sweeper must notice.
    protected override TimeProvider PauseClock => time;

    protected override string WorkName => "lifecycle stage checks";

    // Again at once after a full claim that settled someone: more may be due. A claim whose clients batches all held waits
    // for the next round (those batches settle them), rather than claiming the same rows again at once.
    protected override async Task<bool> DrainOnceAsync(int loop, CancellationToken cancellationToken) =>
        await SweepDueAsync(cancellationToken) is var (settled, claimed) && claimed >= options.CurrentValue.SweepBatchSize && settled > 0;

    /// <summary>Settles the clients whose check is due now and whose lock is free; returns how many it settled and how many rows it claimed.</summary>
    public async Task<(int Settled, int Claimed)> SweepDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
        var now = StoredTime.Now(time);
        await using var transaction = await db.Database.BeginWholeTransactionAsync(cancellationToken);
        var store = scope.ServiceProvider.GetRequiredService<ClientStateStore>();
        await store.PlanForCachedPagesAsync(cancellationToken);
        var (due, claimed) = await store.ClaimDueAsync(now, options.CurrentValue.SweepBatchSize, cancellationToken);
        // Each claimed row gets a next check after now, or none: a round never claims the same client twice.
        scope.ServiceProvider.GetRequiredService<StageSettlement>().Settle(due, now);
        await store.SaveAsync(due, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (due.Count, claimed);
    }
}
