using Microsoft.EntityFrameworkCore;
using Platform.Activity.Events;
using Platform.Engagement.Outreach;
using Platform.Engagement.Policies;
using Platform.Engagement.Tests.Lifecycle;
using Platform.Messaging;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Platform.Engagement.Tests.Outreach;

/// <summary>
/// An event naming a product Content does not hold: its instance is decided (OutreachWords asks again without the product),
/// and holds up no other of its round.
/// </summary>
public sealed class UnknownProductDecisionTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private readonly OutreachReplicas replicas = new(postgres, redis, broker, "unknown-product");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => replicas.DisposeAsync();

    [Fact]
    public async Task APurchaseOfAProductContentDoesNotKnowHasBothItsMomentsDecided()
    {
        var clientId = Enumerable.Range(0, 1000).Select(i => $"product-{Guid.NewGuid().ToString("N")[..8]}-{i}").First(c => !HoldoutPolicy.IsHeldOut(c, 10));
        var lifecycle = new LifecycleDriver(await replicas.StartAsync(new ScriptedChannelAdapter()), broker.BootstrapServers);
        var at = replicas.Clock.GetUtcNow();
        // A first purchase of a product Content does not hold, maturing in two days: the first investment (M08, priority 35)
        // and the maturity reminder (M10, priority 50, due at once) both name it; Content answers InvalidArgument for it.
        await lifecycle.PublishAsync(clientId, new TestEvent(Topics.ActivityEvents, c => new ProductPurchase
        {
            ClientId = c, OccurredAt = Timestamp.FromDateTimeOffset(at), ProductId = "not-in-the-catalogue", Amount = new DecimalValue { Units = 10_000 },
            MaturesAt = Timestamp.FromDateTimeOffset(at.AddDays(2)),
        }, at, "bought"));
        // M10's reminder fires from its timer (due at once), M08 from the event; each is decided whatever Content says of the product.
        await replicas.UntilAsync(async db => await db.OutreachInstances.CountAsync(i => i.ClientId == clientId && i.Decision != OutreachDecisions.Pending) == 2,
            "both moments decided");

        var rows = await replicas.WithDbAsync(db => OutreachLedger.RowsAsync(db, [clientId]));
        // What the first investment's words are is Content's to say; that it was decided at all is the point.
        Assert.Equal([("M08", true), ("M10", true)], rows.OrderBy(r => r.Moment).Select(r => (r.Moment, r.Decision != OutreachDecisions.Pending)));
    }
}
