using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Platform.DevBroker;
using Platform.Messaging.Envelope;
using Platform.Messaging.Outbox;
using Platform.Messaging.TestWorker;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Network;
using Platform.TestSupport.Postgres;

namespace Platform.Messaging.Tests;

public sealed class OutboxRelayTests(PostgresFixture postgres, DevBrokerFixture broker)
{
    private static readonly Dictionary<string, string?> RelayOnly = new() { ["Worker:Relay"] = "true" };

    [Fact]
    public async Task CommittedEventsArePublishedWithTheirEnvelopeAndTheWritersTrace()
    {
        var topic = TestHost.NewTopic(broker.Kafka, "outbox");
        await using var host = await TestHost.StartAsync(await postgres.Server.CreateDatabaseAsync("outbox"), broker.BootstrapServers, RelayOnly);
        using var listener = SampleEverything();
        using var request = new Activity("test-request").SetIdFormat(ActivityIdFormat.W3C).Start();

        var envelope = await host.WithDbAsync(async db =>
        {
            db.Counters.Add(new Counter { ClientId = "c-1", Value = 1 });
            var written = db.AddOutboxEvent(topic, "c-1", new CounterIncremented { ClientId = "c-1", Sequence = 1 }, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return written;
        });

        var message = (await KafkaMessages.ConsumeAsync(broker.BootstrapServers, topic, 1, TimeSpan.FromSeconds(30))).Single();
        Assert.Equal("c-1", message.Key);
        Assert.Equal(envelope.EventId.ToString(), message.Header(EnvelopeHeaders.EventId));
        Assert.Equal(7, envelope.EventId.Version);
        Assert.Equal(nameof(CounterIncremented), message.Header(EnvelopeHeaders.EventType));
        Assert.Equal("1", message.Header(EnvelopeHeaders.SchemaVersion));
        Assert.NotNull(message.Header(EnvelopeHeaders.OccurredAt));
        Assert.Contains(request.TraceId.ToString(), message.Header(EnvelopeHeaders.TraceParent));
        Assert.Equal(1, CounterIncremented.Parser.ParseFrom(message.Value).Sequence);
        await TestHost.WaitUntilAsync(async () => await host.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync()) == false,
            "the delivered row leaving the outbox");
    }

    [Fact]
    public async Task AnEventWhoseTransactionRolledBackIsNeverPublished()
    {
        var topic = TestHost.NewTopic(broker.Kafka, "rollback", partitions: 1);
        await using var host = await TestHost.StartAsync(await postgres.Server.CreateDatabaseAsync("rollback"), broker.BootstrapServers, RelayOnly);

        await host.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.AddOutboxEvent(topic, "c-1", new CounterIncremented { ClientId = "c-1", Sequence = 1 }, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
            return 0;
        });
        await host.WithDbAsync(async db =>
        {
            db.AddOutboxEvent(topic, "c-1", new CounterIncremented { ClientId = "c-1", Sequence = 2 }, DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });

        // The committed event arrives; the rolled-back one, written before it on the same partition, would have arrived first.
        var first = (await KafkaMessages.ConsumeAsync(broker.BootstrapServers, topic, 1, TimeSpan.FromSeconds(30))).Single();
        Assert.Equal(2, CounterIncremented.Parser.ParseFrom(first.Value).Sequence);
    }

    [Fact]
    public async Task WithTheBrokerDownWritesSucceedTheOutboxHoldsTheEventsAndAllArriveInOrderPerKeyWhenItReturns()
    {
        using var kafka = EmbeddedKafka.Start(new EmbeddedKafkaOptions { Port = FreePorts.One(), Partitions = 3, Topics = ["outage", "outage.dlq"] });
        await using var host = await TestHost.StartAsync(await postgres.Server.CreateDatabaseAsync("outage"), kafka.BootstrapServers, RelayOnly);
        kafka.SetAllBrokersDown();

        string[] clients = ["c-1", "c-2", "c-3", "c-4"];
        const int perClient = 25;
        for (var sequence = 1; sequence <= perClient; sequence++)
        {
            foreach (var client in clients)
            {
                await host.WithDbAsync(async db =>
                {
                    db.AddOutboxEvent("outage", client, new CounterIncremented { ClientId = client, Sequence = sequence }, DateTimeOffset.UtcNow);
                    return await db.SaveChangesAsync();
                });
            }
        }

        // The relay tried, failed and kept every row, counting no attempt: an outage says nothing about a row, and must never park one.
        await TestHost.WaitUntilAsync(async () => await host.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.LastError != null)),
            "a failed delivery attempt");
        Assert.Equal(clients.Length * perClient, await host.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync()));
        Assert.False(await host.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.Attempts > 0 || m.ParkedAt != null)));

        kafka.SetAllBrokersUp();
        // A batch whose delivery timed out just as the broker returned is published again (at least once): count each event once.
        var seen = new HashSet<string?>();
        var messages = await KafkaMessages.ConsumeAsync(kafka.BootstrapServers, "outage", clients.Length * perClient, TimeSpan.FromSeconds(60),
            m => seen.Add(m.Header(EnvelopeHeaders.EventId)));

        foreach (var client in clients)
        {
            var sequences = messages.Where(m => m.Key == client).Select(m => CounterIncremented.Parser.ParseFrom(m.Value).Sequence).Distinct().ToList();
            Assert.Equal(Enumerable.Range(1, perClient).Select(i => (long)i), sequences);
        }

        await TestHost.WaitUntilAsync(async () => await host.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync()) == false,
            "the outbox emptying");
    }

    [Fact]
    public async Task EventsWrittenAsOneOutboxBatchArePublishedInTheOrderTheyWereAddedEachWithItsOwnTrace()
    {
        var topic = TestHost.NewTopic(broker.Kafka, "outbox-batch", partitions: 1);
        await using var host = await TestHost.StartAsync(await postgres.Server.CreateDatabaseAsync("outboxbatch"), broker.BootstrapServers, RelayOnly);
        var traces = Enumerable.Range(0, 40).Select(_ => new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(),
            ActivityTraceFlags.Recorded)).ToList();
        var outbox = new OutboxBatch();
        var envelopes = traces.Select((trace, i) => outbox.Add(topic, $"c-{i % 3}",
            new CounterIncremented { ClientId = $"c-{i % 3}", Sequence = i + 1 }, DateTimeOffset.UtcNow, trace: trace)).ToList();

        await host.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
            await using var batch = new Npgsql.NpgsqlBatch(connection, (Npgsql.NpgsqlTransaction)transaction.GetDbTransaction())
            {
                BatchCommands = { outbox.ToCommand()! },
            };
            var inserted = await batch.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
            return inserted;
        });

        var messages = await KafkaMessages.ConsumeAsync(broker.BootstrapServers, topic, traces.Count, TimeSpan.FromSeconds(30));
        Assert.Equal(Enumerable.Range(1, traces.Count).Select(i => (long)i), messages.Select(m => CounterIncremented.Parser.ParseFrom(m.Value).Sequence));
        Assert.Equal(envelopes.Select(e => e.EventId.ToString()), messages.Select(m => m.Header(EnvelopeHeaders.EventId)));
        Assert.All(messages.Zip(traces), pair => Assert.Contains(pair.Second.TraceId.ToHexString(), pair.First.Header(EnvelopeHeaders.TraceParent)));
        Assert.Null(new OutboxBatch().ToCommand());
    }

    [Fact]
    public async Task AReplicaStoppedWhilePublishingFinishesItsBatchSoTheNextRelayPublishesNoEventTwice()
    {
        var topic = TestHost.NewTopic(broker.Kafka, "handover", partitions: 1);
        var database = await postgres.Server.CreateDatabaseAsync("handover");
        const int events = 20_000;
        var outbox = new OutboxBatch();
        for (var i = 0; i < events; i++)
        {
            outbox.Add(topic, $"c-{i % 7}", new CounterIncremented { ClientId = $"c-{i % 7}", Sequence = i + 1 }, DateTimeOffset.UtcNow);
        }

        var stopping = await TestHost.StartAsync(database, broker.BootstrapServers, RelayOnly);
        await stopping.WithDbAsync(async db =>
        {
            var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var batch = new Npgsql.NpgsqlBatch(connection) { BatchCommands = { outbox.ToCommand()! } };
            return await batch.ExecuteNonQueryAsync();
        });
        // Stopped once it is publishing: a relay spends most of its time waiting for delivery reports.
        await TestHost.WaitUntilAsync(async () => await stopping.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync()) < events,
            "the first relay publishing");
        await stopping.DisposeAsync();
        await using var next = await TestHost.StartAsync(database, broker.BootstrapServers, RelayOnly);
        await TestHost.WaitUntilAsync(async () => await next.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync()) == false,
            "the second relay emptying the outbox");

        // One partition, published in outbox order: a batch published again would sit among the first
        // 20,000 messages in place of the last batch, so they would not be 20,000 different events.
        var messages = await KafkaMessages.ConsumeAsync(broker.BootstrapServers, topic, events, TimeSpan.FromSeconds(60));
        Assert.Equal(events, messages.Select(m => m.Header(EnvelopeHeaders.EventId)).Distinct().Count());
    }

    private static ActivityListener SampleEverything()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
