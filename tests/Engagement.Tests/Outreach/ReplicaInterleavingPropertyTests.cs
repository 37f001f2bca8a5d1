using CsCheck;
using Microsoft.EntityFrameworkCore;
using Platform.Activity.Events;
using Platform.Engagement.Outreach;
using Platform.Engagement.Tests.Lifecycle;
using Platform.Messaging;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Platform.Engagement.Tests.Outreach;

/// <summary>
/// Random event streams of a few clients (approvals, deposits, trades, purchases, maturities, tier changes), with replays
/// and second events of one fact, cut into random batches handed to two replicas' lifecycle handlers at once (no inbox in
/// front of them), while both replicas' decision and delivery workers run: never two outreach for one instance key, and
/// the instances are those the rules' <c>once</c> implies.
/// </summary>
public sealed class ReplicaInterleavingPropertyTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private const int Clients = 3;
    private readonly OutreachReplicas replicas = new(postgres, redis, broker, "interleave");

    /// <summary>
    /// Events as (client, kind, parameter): kind 0 approval, 1 deposit, 2 trade, 3 purchase, 4 maturity (of a catalogue
    /// product for an even parameter, else of one Content does not know), 5 upgrade to V(parameter), 6 downgrade.
    /// </summary>
    private static readonly Gen<(int Client, int Kind, int Parameter)[]> Streams = Gen.Select(Gen.Int[0, Clients - 1], Gen.Int[0, 6], Gen.Int[1, 7]).Array[1, 14];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => replicas.DisposeAsync();

    [Fact]
    public async Task RandomStreamsHandledByTwoReplicasInRandomInterleavingsNeverMakeTwoOutreachForOneInstance()
    {
        var (providerA, providerB) = (new ScriptedChannelAdapter(), new ScriptedChannelAdapter());
        var replicaA = await replicas.StartAsync(providerA);
        var replicaB = await replicas.StartAsync(providerB);
        await Gen.Select(Streams, Gen.Int).SampleAsync(async (stream, seed) =>
        {
            var random = new Random(seed);
            var run = Guid.NewGuid().ToString("N")[..8];
            var clients = Enumerable.Range(0, Clients).Select(i => $"mix-{run}-{i}").ToList();
            var now = replicas.Clock.GetUtcNow();
            var events = new List<ReplayedEvent>();
            foreach (var (client, kind, parameter) in stream)
            {
                var fact = Fact(kind, parameter, now);
                var first = Replay(fact, clients[client]);
                events.Add(first);
                // A replay of the same event, or a second event of the same fact (a new event id).
                events.AddRange(random.Next(3) switch { 0 => [first], 1 => [Replay(fact, clients[client])], _ => [] });
            }

            var batches = events.OrderBy(_ => random.Next()).Chunk(random.Next(1, 5)).Select(b => (ToA: random.Next(2) == 0, Batch: b)).ToList();
            await Task.WhenAll(
                Task.Run(async () => { foreach (var b in batches.Where(b => b.ToA)) { await LifecycleBatches.HandleAsync(replicaA.Services, b.Batch); } }),
                Task.Run(async () => { foreach (var b in batches.Where(b => !b.ToA)) { await LifecycleBatches.HandleAsync(replicaB.Services, b.Batch); } }));
            var expected = ExpectedInstances(events).Order(StringComparer.Ordinal).ToList();
            replicas.Clock.Advance(TimeSpan.FromMinutes(1));
            await replicas.UntilAsync(async db => await db.OutreachInstances.CountAsync(i => clients.Contains(i.ClientId)
                && i.Decision != OutreachDecisions.Pending && i.Decision != OutreachDecisions.Deferred) == expected.Count
                && !await db.OutreachDeliveries.AnyAsync(d => clients.Contains(d.ClientId) && d.Status == "queued"), "every instance decided and delivered");

            var rows = await replicas.WithDbAsync(db => OutreachLedger.RowsAsync(db, clients));
            Assert.Equal(expected, rows.Select(r => r.InstanceKey).Order(StringComparer.Ordinal));
            OutreachLedger.AssertEachOutreachOnce(rows, await replicas.WithDbAsync(db => OutreachLedger.DecidedEventsAsync(db, clients)),
                providerA.Sent.Concat(providerB.Sent).Where(m => clients.Contains(m.ClientId)));
        }, iter: 12, threads: 1, print: t => $"seed {t.Item2}: " + string.Join(", ", t.Item1.Select(e => $"c{e.Client} k{e.Kind} p{e.Parameter}")));
    }

    /// <summary>
    /// What the rules' <c>once</c> implies: one welcome, first deposit and first investment per client (every event of a
    /// stream is at one time, so each deposit, trade and purchase is the client's first); one upgrade per event. A maturity
    /// is no moment since M10 became a schedule before a purchase's maturesAt (these purchases name none).
    /// </summary>
    private static IEnumerable<string> ExpectedInstances(IEnumerable<ReplayedEvent> events) =>
        events.Select(e => e.Message switch
        {
            Onboarding.Events.AccountApproved => $"M04:{e.Envelope.Key}:client",
            Deposit => $"M06:{e.Envelope.Key}:client",
            Trade or ProductPurchase => $"M08:{e.Envelope.Key}:client",
            Tiering.Events.TierChanged { Reason: "upgrade" } => $"M11:{e.Envelope.Key}:{e.Envelope.EventId:D}",
            _ => null,
        }).OfType<string>().Distinct(StringComparer.Ordinal);

    private static TestEvent Fact(int kind, int parameter, DateTimeOffset at) => kind switch
    {
        0 => LifecycleEvents.Approved(at),
        1 => LifecycleEvents.Deposit(at, parameter * 10_000),
        2 => LifecycleEvents.Trade(at, parameter * 1_000),
        3 => LifecycleEvents.Purchase(at, parameter * 1_000),
        4 => new TestEvent(Topics.ActivityEvents, c => new ProductMatured
        {
            ClientId = c, OccurredAt = Timestamp.FromDateTimeOffset(at), ProductId = parameter % 2 == 0 ? "money-market-fund" : "wealth-90d", Amount = new DecimalValue { Units = parameter * 1_000 },
        }, at, "matured"),
        5 => LifecycleEvents.TierChanged($"V{parameter}", at),
        _ => new TestEvent(Topics.TieringEvents, c => new Tiering.Events.TierChanged
        {
            ClientId = c, FromTier = $"V{parameter}", ToTier = "V0", Reason = "downgrade", OccurredAt = Timestamp.FromDateTimeOffset(at),
        }, at, "downgrade"),
    };

    private static ReplayedEvent Replay(TestEvent fact, string clientId)
    {
        var envelope = fact.Envelope(clientId);
        return new ReplayedEvent(fact.Topic, fact.For(clientId), envelope);
    }
}
