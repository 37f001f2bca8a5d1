using Confluent.Kafka;
using Microsoft.EntityFrameworkCore;
using Platform.DevBroker;
using Platform.Messaging.Envelope;
using Platform.Messaging.Outbox;
using Platform.Messaging.TestWorker;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Network;
using Platform.TestSupport.Postgres;
using static Platform.Messaging.Tests.OutboxRows;

namespace Platform.Messaging.Tests;

public sealed class OutboxFailureTests(PostgresFixture postgres, DevBrokerFixture broker)
{
    private const short ProduceApi = 0;
    private const int TopicAuthorizationFailed = 29;

    [Fact]
    public async Task ATopicThatRefusesEveryRowParksNothingWhileOtherTopicsFlowAndItsRowsLeaveInOrderOnceItIsBack()
    {
        const int MaxAttempts = 3;
        var topic = TestHost.NewTopic(broker.Kafka, "bystander", partitions: 1);
        var missing = $"missing-{Guid.NewGuid():N}"[..16];
        using var outages = new MetricCounter("messaging.outbox.topic_outage", missing);
        using var parked = new MetricCounter("messaging.outbox.parked", missing);
        await using var host = await TestHost.StartAsync(await postgres.Server.CreateDatabaseAsync("topicout"), broker.BootstrapServers,
            new Dictionary<string, string?>
            {
                ["Worker:Relay"] = "true",
                ["Messaging:Outbox:MaxAttempts"] = $"{MaxAttempts}",
                // DevBroker creates a topic on first use unless the client asks it not to: a topic deleted by mistake.
                ["Messaging:Kafka:allow.auto.create.topics"] = "false",
            });

        // Two clients on the topic that refuses everything, the oldest rows of the outbox; a client on another topic
        // keeps writing until the refusals have lasted more than MaxAttempts rounds.
        await WriteAsync(host, (missing, "t-1", 1), (missing, "t-2", 1), (missing, "t-1", 2), (missing, "t-2", 2));
        var sent = 0;
        await TestHost.WaitUntilAsync(async () =>
        {
            await WriteAsync(host, (topic, "t-3", ++sent));
            return outages.Count > MaxAttempts + 1 || parked.Count > 0;
        }, $"the topic refusing its rows in more than {MaxAttempts + 1} rounds");
        Assert.Equal(0, parked.Count);

        var flowed = await KafkaMessages.ConsumeAsync(broker.BootstrapServers, topic, sent, TimeSpan.FromSeconds(30));
        Assert.Equal(Enumerable.Range(1, sent).Select(s => $"t-3:{s}"), flowed.Select(Describe));
        Assert.False(await host.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.Attempts > 0 || m.ParkedAt != null)));
        Assert.Equal(0, parked.Count);

        // The topic is back (re-created): every row leaves, in order per client, and nothing was parked.
        broker.Kafka.CreateTopic(missing, 1);
        var recovered = await KafkaMessages.ConsumeAsync(broker.BootstrapServers, missing, 4, TimeSpan.FromSeconds(60));
        Assert.Equal(["t-1:1", "t-1:2"], recovered.Select(Describe).Where(d => d.StartsWith("t-1:", StringComparison.Ordinal)));
        Assert.Equal(["t-2:1", "t-2:2"], recovered.Select(Describe).Where(d => d.StartsWith("t-2:", StringComparison.Ordinal)));
        await TestHost.WaitUntilAsync(async () => await host.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync()) == false,
            "the outbox emptying");
        Assert.Equal(0, parked.Count);
    }

    [Fact]
    public async Task AVerdictOnARowsTopicWhileTheTopicTakesOtherRowsCountsAndParksTheRowThenItIsReleasedInOrder()
    {
        using var kafka = EmbeddedKafka.Start(new EmbeddedKafkaOptions { Port = FreePorts.One(), Partitions = 1, Topics = ["poisoned", "poisoned.dlq"] });
        using var parked = new MetricCounter("messaging.outbox.parked", "poisoned");
        await using var host = await TestHost.StartAsync(await postgres.Server.CreateDatabaseAsync("poisoned"), kafka.BootstrapServers,
            new Dictionary<string, string?>
            {
                ["Worker:Relay"] = "true",
                // A verdict counts only in a round in which the topic takes another row: in the retry round that
                // produces the poisoned row alone, the next client's held row.
                ["Messaging:Outbox:MaxAttempts"] = "1",
                // One message per produce request, so that the refused request holds the poisoned row and what stands
                // behind it on the partition, not the row before it.
                ["Messaging:Kafka:batch.num.messages"] = "1",
            });
        // Wait for the relay's producer to exist (its first round), so that no earlier request takes the injected errors.
        await WriteAsync(host, ("poisoned", "v-0", 1));
        await KafkaMessages.ConsumeAsync(kafka.BootstrapServers, "poisoned", 1, TimeSpan.FromSeconds(30));

        // v-1's request is taken, v-bad's first refused: a verdict on one row while its topic takes others. The relay
        // cannot tell it from a refusal of a batch of several rows until it produces the row alone, in its retry round:
        // refused again there, it counts.
        kafka.FailNextRequests(ProduceApi, 0, TopicAuthorizationFailed, TopicAuthorizationFailed);
        await WriteAsync(host, ("poisoned", "v-1", 1), ("poisoned", "v-bad", 1), ("poisoned", "v-bad", 2), ("poisoned", "v-2", 1));

        var published = await KafkaMessages.ConsumeAsync(kafka.BootstrapServers, "poisoned", 3, TimeSpan.FromSeconds(30));
        Assert.Equal(["v-0:1", "v-1:1", "v-2:1"], published.Select(Describe).Order());
        await TestHost.WaitUntilAsync(async () => await host.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.ParkedAt != null)),
            "the refused row being parked");
        var rows = await host.WithDbAsync(db => db.Set<OutboxMessage>().OrderBy(m => m.Id).ToListAsync());
        Assert.Equal([(1L, 1, true), (2L, 0, false)], rows.Select(r => (Sequence(r), r.Attempts, r.ParkedAt != null)));
        Assert.Contains("TopicAuthorizationFailed", rows[0].LastError, StringComparison.Ordinal);
        Assert.Equal(1, parked.Count);

        // The operator's fix: release the row; both events leave, in order.
        await host.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE outbox_messages SET parked_at = NULL, attempts = 0 WHERE parked_at IS NOT NULL", TestContext.Current.CancellationToken));
        var released = await KafkaMessages.ConsumeAsync(kafka.BootstrapServers, "poisoned", 5, TimeSpan.FromSeconds(30));
        Assert.Equal(["v-bad:1", "v-bad:2"], released.Select(Describe).Where(d => d.StartsWith("v-bad:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AnEventTooLargeForKafkaIsParkedAtOnceAndItsClientsLaterEventsWaitBehindIt()
    {
        var topic = TestHost.NewTopic(broker.Kafka, "toolarge", partitions: 1);
        using var parked = new MetricCounter("messaging.outbox.parked", topic);
        await using var host = await TestHost.StartAsync(await postgres.Server.CreateDatabaseAsync("toolarge"), broker.BootstrapServers,
            new Dictionary<string, string?> { ["Worker:Relay"] = "true", ["Messaging:Kafka:message.max.bytes"] = "10000" });

        await host.WithDbAsync(async db =>
        {
            db.AddOutboxEvent(topic, "l-1", new CounterIncremented { ClientId = new string('x', 20_000), Sequence = 1 }, DateTimeOffset.UtcNow);
            db.AddOutboxEvent(topic, "l-1", new CounterIncremented { ClientId = "l-1", Sequence = 2 }, DateTimeOffset.UtcNow);
            db.AddOutboxEvent(topic, "l-2", new CounterIncremented { ClientId = "l-2", Sequence = 1 }, DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });

        var published = await KafkaMessages.ConsumeAsync(broker.BootstrapServers, topic, 1, TimeSpan.FromSeconds(30));
        Assert.Equal(["l-2:1"], published.Select(Describe));
        await TestHost.WaitUntilAsync(async () => await host.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.ParkedAt != null)),
            "the row being parked");
        var rows = await host.WithDbAsync(db => db.Set<OutboxMessage>().OrderBy(m => m.Id).ToListAsync());
        Assert.Equal([(1L, 1, true), (2L, 0, false)], rows.Select(r => (Sequence(r), r.Attempts, r.ParkedAt != null)));
        Assert.Equal(1, parked.Count);
    }

    [Fact]
    public async Task AClientsEventThatFailsOnceIsNotOvertakenByItsNextEvent()
    {
        using var kafka = EmbeddedKafka.Start(new EmbeddedKafkaOptions { Port = FreePorts.One(), Partitions = 1, Topics = ["ordered", "ordered.dlq"] });
        await using var host = await TestHost.StartAsync(await postgres.Server.CreateDatabaseAsync("ordered"), kafka.BootstrapServers,
            new Dictionary<string, string?>
            {
                ["Worker:Relay"] = "true",
                // One message per produce request, so that the failing request holds o-1's first event only.
                ["Messaging:Kafka:batch.num.messages"] = "1",
            });
        // Wait for the relay's producer to exist (its first round), so that no earlier request takes the injected errors.
        await WriteAsync(host, ("ordered", "o-0", 1));
        await KafkaMessages.ConsumeAsync(kafka.BootstrapServers, "ordered", 1, TimeSpan.FromSeconds(30));

        // The next produce request succeeds (o-2's event), the one after fails (o-1's first event); o-1's second follows it.
        kafka.FailNextRequests(ProduceApi, 0, TopicAuthorizationFailed);
        await WriteAsync(host, ("ordered", "o-2", 1), ("ordered", "o-1", 1), ("ordered", "o-1", 2));

        var seen = new HashSet<string>();
        var messages = await KafkaMessages.ConsumeAsync(kafka.BootstrapServers, "ordered", 4, TimeSpan.FromSeconds(30), m => seen.Add(Describe(m)));
        Assert.Equal(["o-1:1", "o-1:2"], messages.Select(Describe).Where(d => d.StartsWith("o-1", StringComparison.Ordinal)));
        await TestHost.WaitUntilAsync(async () => await host.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync()) == false,
            "the outbox emptying");
    }

    [Fact]
    public async Task APartitionWithoutALeaderParksNothingWhileTheTopicsOtherPartitionKeepsFlowing()
    {
        const int MaxAttempts = 3;
        const int SickPartition = 1;
        var topic = TestHost.NewTopic(broker.Kafka, "partial", partitions: 2);
        var keys = await KeysByPartitionAsync(broker.BootstrapServers, "x-");
        var (sick, healthy) = (keys[SickPartition][..2], keys[0][0]);
        using var failed = new MetricCounter("messaging.outbox.publish_failed", topic);
        using var parked = new MetricCounter("messaging.outbox.parked", topic);
        await using var host = await TestHost.StartAsync(await postgres.Server.CreateDatabaseAsync("partial"), broker.BootstrapServers,
            new Dictionary<string, string?>
            {
                ["Worker:Relay"] = "true",
                ["Messaging:Outbox:MaxAttempts"] = $"{MaxAttempts}",
                // Failing rows are retried in every round, so that each round holds the healthy client's rows written
                // while the previous one waited for its delivery timeout, whatever the timing.
                ["Messaging:Outbox:InitialBackoff"] = "00:00:00.001",
                ["Messaging:Outbox:MaxBackoff"] = "00:00:00.001",
            });

        broker.Kafka.SetPartitionLeader(topic, SickPartition, null);
        var healthySent = 0;
        try
        {
            await WriteAsync(host, (topic, sick[0], 1), (topic, sick[1], 1), (topic, sick[0], 2), (topic, sick[1], 2));
            // The healthy partition's client keeps writing, so that the rounds in which the sick rows fail deliver
            // other rows: what made the relay count (and park) them before.
            await TestHost.WaitUntilAsync(async () =>
            {
                await WriteAsync(host, (topic, healthy, ++healthySent));
                return failed.Count >= 2 * (MaxAttempts + 1) || parked.Count > 0;
            }, $"the sick partition's two clients failing {MaxAttempts + 1} rounds each");
            Assert.Equal(0, parked.Count);

            // The other partition kept flowing during the outage, in order.
            var flowed = await KafkaMessages.ConsumeAsync(broker.BootstrapServers, topic, healthySent, TimeSpan.FromSeconds(30), m => m.Key == healthy);
            Assert.Equal(Enumerable.Range(1, healthySent).Select(s => $"{healthy}:{s}"), flowed.Select(Describe));
        }
        finally
        {
            broker.Kafka.SetPartitionLeader(topic, SickPartition, 1);
        }

        var recovered = await KafkaMessages.ConsumeAsync(broker.BootstrapServers, topic, 4, TimeSpan.FromSeconds(30), m => sick.Contains(m.Key));
        Assert.Equal([$"{sick[0]}:1", $"{sick[0]}:2"], recovered.Select(Describe).Where(d => d.StartsWith(sick[0] + ":", StringComparison.Ordinal)));
        Assert.Equal([$"{sick[1]}:1", $"{sick[1]}:2"], recovered.Select(Describe).Where(d => d.StartsWith(sick[1] + ":", StringComparison.Ordinal)));
        await TestHost.WaitUntilAsync(async () => await host.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync()) == false,
            "the outbox emptying");
        Assert.Equal(0, parked.Count);
    }

    [Fact]
    public async Task MoreThanABatchOfEventsOnAPartitionWithoutALeaderDoNotStopTheOtherPartitionsAndTopics()
    {
        const int BatchSize = 20;
        const int MaxAttempts = 3;
        const int SickPartition = 1;
        const int SickEventsPerClient = 20;
        var topic = TestHost.NewTopic(broker.Kafka, "starved", partitions: 2);
        var otherTopic = TestHost.NewTopic(broker.Kafka, "bystander", partitions: 1);
        var keys = await KeysByPartitionAsync(broker.BootstrapServers, "y-");
        var (sick, healthy, elsewhere) = (keys[SickPartition][..3], keys[0][0], keys[0][1]);
        using var failed = new MetricCounter("messaging.outbox.publish_failed", topic);
        using var parked = new MetricCounter("messaging.outbox.parked", topic);
        await using var host = await TestHost.StartAsync(await postgres.Server.CreateDatabaseAsync("starved"), broker.BootstrapServers,
            new Dictionary<string, string?>
            {
                ["Worker:Relay"] = "true",
                ["Messaging:Outbox:BatchSize"] = $"{BatchSize}",
                ["Messaging:Outbox:MaxAttempts"] = $"{MaxAttempts}",
            });

        broker.Kafka.SetPartitionLeader(topic, SickPartition, null);
        var sent = 0;
        try
        {
            // Three times a batch waiting on the sick partition, oldest first and interleaved, so that every batch of
            // them holds all three clients: before, each round claimed only these rows, delivered nothing and backed off.
            await WriteAsync(host, [.. Enumerable.Range(1, SickEventsPerClient).SelectMany(s => sick.Select(c => (topic, c, (long)s)))]);
            // Meanwhile a client on the healthy partition and one on another topic keep writing, until the sick
            // clients' heads have been retried (and failed) more than MaxAttempts times.
            await TestHost.WaitUntilAsync(async () =>
            {
                ++sent;
                await WriteAsync(host, (topic, healthy, sent), (otherTopic, elsewhere, sent));
                return failed.Count >= sick.Length * (MaxAttempts + 2);
            }, $"the sick partition's clients failing {MaxAttempts + 2} rounds each");

            // Still during the outage: everything else was delivered, in order, and nothing counted or parked.
            var expected = Enumerable.Range(1, sent).Select(s => $"{healthy}:{s}");
            var flowed = await KafkaMessages.ConsumeAsync(broker.BootstrapServers, topic, sent, TimeSpan.FromSeconds(30), m => m.Key == healthy);
            Assert.Equal(expected, flowed.Select(Describe));
            var flowedElsewhere = await KafkaMessages.ConsumeAsync(broker.BootstrapServers, otherTopic, sent, TimeSpan.FromSeconds(30));
            Assert.Equal(Enumerable.Range(1, sent).Select(s => $"{elsewhere}:{s}"), flowedElsewhere.Select(Describe));
            Assert.False(await host.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.Attempts > 0 || m.ParkedAt != null)));
            Assert.Equal(0, parked.Count);
        }
        finally
        {
            broker.Kafka.SetPartitionLeader(topic, SickPartition, 1);
        }

        var recovered = await KafkaMessages.ConsumeAsync(broker.BootstrapServers, topic, sick.Length * SickEventsPerClient,
            TimeSpan.FromSeconds(60), m => sick.Contains(m.Key));
        foreach (var client in sick)
        {
            Assert.Equal(Enumerable.Range(1, SickEventsPerClient).Select(s => $"{client}:{s}"),
                recovered.Select(Describe).Where(d => d.StartsWith(client + ":", StringComparison.Ordinal)));
        }

        await TestHost.WaitUntilAsync(async () => await host.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync()) == false,
            "the outbox emptying");
        Assert.Equal(0, parked.Count);
    }

    [Fact]
    public async Task ANewClientOnAPartitionKnownSickCostsNoDeliveryAttemptUntilThePartitionIsProbedAgain()
    {
        const int SickPartition = 1;
        const int NewClients = 4;
        var topic = TestHost.NewTopic(broker.Kafka, "newkeys", partitions: 2);
        var keys = await KeysByPartitionAsync(broker.BootstrapServers, "z-");
        // The relay predicts where a key goes with librdkafka's default partitioner: it must agree with the producer's.
        Assert.All(keys, placed => Assert.All(placed.Value, key => Assert.Equal(placed.Key, KeyPartitioner.PartitionOf(key, 2))));
        var (sick, healthy) = (keys[SickPartition][..(NewClients + 1)], keys[0][0]);
        using var failed = new MetricCounter("messaging.outbox.publish_failed", topic);
        using var parked = new MetricCounter("messaging.outbox.parked", topic);
        var database = await postgres.Server.CreateDatabaseAsync("newkeys");
        var settings = new Dictionary<string, string?>
        {
            ["Worker:Relay"] = "true",
            // No retry of held streams (no probe of the sick partition) after the first round, for the whole test.
            ["Messaging:Outbox:InitialBackoff"] = "01:00:00",
            ["Messaging:Outbox:MaxBackoff"] = "01:00:00",
        };

        broker.Kafka.SetPartitionLeader(topic, SickPartition, null);
        try
        {
            await using var host = await TestHost.StartAsync(database, broker.BootstrapServers, settings);
            // The first client on the sick partition fails once: the relay learns that the partition is sick. The healthy
            // client's event makes it a partial outage (a whole one would back the relay off for InitialBackoff).
            await WriteAsync(host, (topic, sick[0], 1), (topic, healthy, 0), (topic, sick[0], 2));
            await TestHost.WaitUntilAsync(() => Task.FromResult(failed.Count > 0), "the first delivery failing");

            // Each new client's first event on the sick partition, in the same transaction as a healthy client's: the
            // healthy event leaves, and the new client's is held without being produced (before, it was produced, timed
            // out, and cost its round a delivery timeout).
            for (var client = 1; client <= NewClients; client++)
            {
                await WriteAsync(host, (topic, sick[client], 1), (topic, healthy, client), (topic, sick[client], 2));
                var sequence = client;
                await TestHost.WaitUntilAsync(async () => await host.WithDbAsync(db => db.Set<OutboxMessage>().AllAsync(
                    m => m.MessageKey != healthy)), $"the healthy client's event {sequence} leaving");
            }

            Assert.Equal(1, failed.Count);
            Assert.False(await host.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.Attempts > 0 || m.ParkedAt != null)));
        }
        finally
        {
            broker.Kafka.SetPartitionLeader(topic, SickPartition, 1);
        }

        // A restart (or the next probe) retries them: every held client's events leave in order, nothing parked.
        settings["Messaging:Outbox:InitialBackoff"] = "00:00:00.050";
        settings["Messaging:Outbox:MaxBackoff"] = "00:00:00.500";
        await using (var restarted = await TestHost.StartAsync(database, broker.BootstrapServers, settings))
        {
            var recovered = await KafkaMessages.ConsumeAsync(broker.BootstrapServers, topic, 2 * sick.Length, TimeSpan.FromSeconds(60),
                m => sick.Contains(m.Key));
            foreach (var client in sick)
            {
                Assert.Equal([$"{client}:1", $"{client}:2"], recovered.Select(Describe).Where(d => d.StartsWith(client + ":", StringComparison.Ordinal)));
            }

            await TestHost.WaitUntilAsync(async () => await restarted.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync()) == false,
                "the outbox emptying");
        }

        Assert.Equal(0, parked.Count);
    }

    /// <summary>
    /// Candidate keys grouped by the partition of a two-partition topic they go to. The relay's producer uses librdkafka's
    /// default partitioner, which depends only on the key and the partition count, so a plain producer on a scratch
    /// topic shows where each key lands.
    /// </summary>
    private async Task<Dictionary<int, string[]>> KeysByPartitionAsync(string bootstrapServers, string prefix)
    {
        var scratch = TestHost.NewTopic(broker.Kafka, "keys", partitions: 2);
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers }).Build();
        var placed = new List<(int Partition, string Key)>();
        foreach (var key in Enumerable.Range(0, 32).Select(i => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 8)]))
        {
            placed.Add(((await producer.ProduceAsync(scratch, new Message<string, byte[]> { Key = key, Value = [] })).Partition.Value, key));
        }

        return placed.GroupBy(p => p.Partition).ToDictionary(g => g.Key, g => g.Select(p => p.Key).ToArray());
    }
}
