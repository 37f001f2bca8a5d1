using Microsoft.EntityFrameworkCore;
using Platform.Engagement.Outreach;
using Platform.Engagement.Outreach.Delivery;
using Platform.Engagement.Policies;
using Platform.Engagement.Tests.Lifecycle;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;

namespace Platform.Engagement.Tests.Outreach;

/// <summary>
/// A replica that dies mid-way, on real PostgreSQL, Redis and DevBroker: after its decision and before its delivery, or
/// inside its decision (lease taken, words not yet come): another replica finishes the work once, after the lease.
/// </summary>
public sealed class ReplicaCrashTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private readonly OutreachReplicas replicas = new(postgres, redis, broker, "crash");
    private readonly string clientId = Enumerable.Range(0, 1000).Select(i => $"crash-{Guid.NewGuid().ToString("N")[..8]}-{i}")
        .First(c => !HoldoutPolicy.IsHeldOut(c, 10));

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => replicas.DisposeAsync();

    [Fact]
    public async Task AReplicaStoppedAfterItsDecisionAndBeforeItsDeliveryLeavesTheDeliveryToTheNextReplicaWhichSendsItOnce()
    {
        var hanging = new HangingChannelAdapter(clientId);
        var first = await replicas.StartAsync(hanging);
        await new LifecycleDriver(first, broker.BootstrapServers).PublishAsync(clientId, LifecycleEvents.Approved(replicas.Clock.GetUtcNow()));
        await replicas.UntilAsync(_ => Task.FromResult(hanging.Entered.IsCompleted), "the first replica sending the welcome");

        // Decided and queued in one transaction; the send has started and will never be recorded.
        var decided = Assert.Single(await replicas.WithDbAsync(db => OutreachLedger.RowsAsync(db, [clientId])));
        Assert.Equal(("M04", OutreachDecisions.Sent, "push", 1, 1, 0), (decided.Moment, decided.Decision, decided.Channel, decided.InboxMessages,
            decided.Deliveries, decided.DeliveriesDelivered));
        await replicas.StopAsync(first);
        var provider = new ScriptedChannelAdapter();
        await replicas.StartAsync(provider);
        replicas.Clock.Advance(OutreachReplicas.DeliveryLease);
        await replicas.UntilAsync(async db => await db.OutreachDeliveries.AnyAsync(d => d.ClientId == clientId && d.Status == DeliveryStatuses.Delivered),
            "the welcome delivered by the second replica");

        var rows = await replicas.WithDbAsync(db => OutreachLedger.RowsAsync(db, [clientId]));
        OutreachLedger.AssertEachOutreachOnce(rows, await replicas.WithDbAsync(db => OutreachLedger.DecidedEventsAsync(db, [clientId])),
            provider.Sent.Where(m => m.ClientId == clientId));
        // Claimed by the first replica, then again by the second once the first one's lease ended.
        Assert.Equal(2, await replicas.WithDbAsync(db => db.OutreachDeliveries.Where(d => d.ClientId == clientId).Select(d => d.Attempts).SingleAsync()));
    }

    [Fact]
    public async Task AReplicaStoppedWhileItWaitsForWordsLeavesItsLeasedInstanceToAnotherReplicaWhichDecidesItOnceAfterTheLease()
    {
        var content = new HangingContent(clientId);
        var first = await replicas.StartAsync(new ScriptedChannelAdapter(), content);
        await new LifecycleDriver(first, broker.BootstrapServers).PublishAsync(clientId, LifecycleEvents.Approved(replicas.Clock.GetUtcNow()));
        OutreachInstance? leased = null;
        await replicas.UntilAsync(async db => (leased = await db.OutreachInstances.AsNoTracking().SingleOrDefaultAsync(i => i.ClientId == clientId)) is not null
            && leased.DecideAfter >= leased.FiredAt + OutreachReplicas.DecisionLease && content.Entered.IsCompleted, "the welcome leased by the first replica");

        // The first replica took the lease and waits for Content; it dies before it records anything.
        Assert.Equal(OutreachDecisions.Pending, leased!.Decision);
        await replicas.StopAsync(first);
        var provider = new ScriptedChannelAdapter();
        await replicas.StartAsync(provider);
        await replicas.UntilAsync(async db => await db.OutreachDeliveries.AnyAsync(d => d.ClientId == clientId && d.Status == DeliveryStatuses.Delivered),
            "the welcome decided and delivered by the second replica");

        var rows = await replicas.WithDbAsync(db => OutreachLedger.RowsAsync(db, [clientId]));
        OutreachLedger.AssertEachOutreachOnce(rows, await replicas.WithDbAsync(db => OutreachLedger.DecidedEventsAsync(db, [clientId])),
            provider.Sent.Where(m => m.ClientId == clientId));
        var row = Assert.Single(rows);
        Assert.Equal(("M04", OutreachDecisions.Sent, "push"), (row.Moment, row.Decision, row.Channel));
        // Not before the dead replica's lease ended.
        Assert.True(row.DecidedAt >= leased.DecideAfter, $"decided at {row.DecidedAt:O}, the lease ended at {leased.DecideAfter:O}");
    }
}
