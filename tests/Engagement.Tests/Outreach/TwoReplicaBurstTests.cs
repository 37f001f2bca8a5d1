using Microsoft.EntityFrameworkCore;
using Platform.Engagement.Events;
using Platform.Engagement.Outreach;
using Platform.Engagement.Policies;
using Platform.Engagement.Tests.Lifecycle;
using Platform.Messaging;
using Platform.Messaging.Envelope;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;

namespace Platform.Engagement.Tests.Outreach;

/// <summary>
/// Two Engagement replicas on one database, one consumer group, a burst of approvals and deposits for a few hundred
/// clients with replays and second events that mean the same moment: every instance once, decided once, its outreach once.
/// </summary>
public sealed class TwoReplicaBurstTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private const int ApprovedOnly = 80;
    private const int DepositedOnly = 60;
    private const int Both = 60;
    private readonly OutreachReplicas replicas = new(postgres, redis, broker, "burst");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => replicas.DisposeAsync();

    [Fact]
    public async Task ABurstOfApprovalsAndDepositsOnTwoReplicasDecidesEveryInstanceOnceAndSendsEachOutreachOnce()
    {
        var (providerA, providerB) = (new ScriptedChannelAdapter(), new ScriptedChannelAdapter());
        var lifecycle = new LifecycleDriver(await replicas.StartAsync(providerA), broker.BootstrapServers);
        await replicas.StartAsync(providerB);
        var run = Guid.NewGuid().ToString("N")[..6];
        var clients = Enumerable.Range(0, ApprovedOnly + DepositedOnly + Both).Select(i => $"burst-{run}-{i}").ToList();
        var approved = clients.Take(ApprovedOnly).Concat(clients.Skip(ApprovedOnly + DepositedOnly)).ToHashSet(StringComparer.Ordinal);
        var deposited = clients.Skip(ApprovedOnly).ToHashSet(StringComparer.Ordinal);
        var now = replicas.Clock.GetUtcNow();
        var random = new Random(12);
        var events = new List<(string Topic, EventEnvelope Envelope)>();
        foreach (var (client, i) in clients.Select((c, i) => (c, i)))
        {
            var facts = new List<TestEvent>();
            if (approved.Contains(client))
            {
                // Approved twice (two events, one fact): one welcome.
                facts.AddRange([LifecycleEvents.Approved(now), LifecycleEvents.Approved(now)]);
            }

            if (deposited.Contains(client))
            {
                // Two deposits: one first deposit.
                facts.AddRange([LifecycleEvents.Deposit(now, 20_000), LifecycleEvents.Deposit(now, 5_000)]);
            }

            var envelopes = facts.Select(f => (f.Topic, Envelope: f.Envelope(client))).ToList();
            events.AddRange(envelopes);
            // Every third client's events are delivered again (a relay's replay).
            events.AddRange(i % 3 == 0 ? envelopes : []);
        }

        await lifecycle.PublishAsync(events.OrderBy(_ => random.Next()));
        var expected = approved.Select(c => $"M04:{c}:client").Concat(deposited.Select(c => $"M06:{c}:client")).Order(StringComparer.Ordinal).ToList();
        await replicas.UntilAsync(async db => await db.OutreachInstances.CountAsync(i => clients.Contains(i.ClientId)
            && i.Decision != OutreachDecisions.Pending && i.Decision != OutreachDecisions.Deferred) == expected.Count, "every instance decided");
        await replicas.UntilAsync(async db => !await db.OutreachDeliveries.AnyAsync(d => clients.Contains(d.ClientId) && d.Status == "queued"),
            "every delivery made");
        await replicas.PublishedAsync(clients);

        var rows = await replicas.WithDbAsync(db => OutreachLedger.RowsAsync(db, clients));
        var decided = await replicas.WithDbAsync(db => OutreachLedger.DecidedEventsAsync(db, clients));
        Assert.Equal(expected, rows.Select(r => r.InstanceKey).Order(StringComparer.Ordinal));
        OutreachLedger.AssertEachOutreachOnce(rows, decided, providerA.Sent.Concat(providerB.Sent).Where(m => clients.Contains(m.ClientId)));
        // What the rules imply: the welcome by push and the first deposit in the inbox, but not to the held-out clients; a
        // first deposit fired within the priority window of the welcome (priority 60 over 55) gives way to it.
        foreach (var row in rows)
        {
            var heldOut = HoldoutPolicy.IsHeldOut(row.ClientId, 10);
            var outcome = (row.Decision, row.Reason, row.Channel);
            if (heldOut)
            {
                Assert.Equal((OutreachDecisions.Suppressed, OutreachReasons.Holdout), (row.Decision, row.Reason));
            }
            else if (row.Moment == "M04")
            {
                Assert.Equal((OutreachDecisions.Sent, (string?)null, "push"), outcome);
            }
            else if (approved.Contains(row.ClientId))
            {
                Assert.Contains(outcome, new[] { (OutreachDecisions.Sent, (string?)null, "inbox"), (OutreachDecisions.Suppressed, OutreachReasons.LowerPriority, "inbox") });
            }
            else
            {
                Assert.Equal((OutreachDecisions.Sent, (string?)null, "inbox"), outcome);
            }
        }

        // On the broker: one OutreachDecided per instance, as this database's outbox wrote it.
        var ours = decided.Keys.Select(id => id.ToString()).ToHashSet(StringComparer.Ordinal);
        var published = await KafkaMessages.ConsumeAllAsync(broker.BootstrapServers, Topics.EngagementEvents, TimeSpan.FromSeconds(60),
            m => m.Header(EnvelopeHeaders.EventType) == nameof(OutreachDecided) && ours.Contains(m.Header(EnvelopeHeaders.EventId) ?? ""));
        Assert.Equal(expected, published.Select(m => OutreachDecided.Parser.ParseFrom(m.Value).InstanceKey).Order(StringComparer.Ordinal));
    }
}
