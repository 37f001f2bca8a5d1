using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Outbox;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using static Platform.Messaging.Tests.OutboxRows;

namespace Platform.Messaging.Tests;

public sealed class OutboxTopicOutageTests(PostgresFixture postgres, DevBrokerFixture broker)
{
    [Fact]
    public async Task ANewClientOnATopicKnownOutCostsNoDeliveryAttemptUntilTheTopicIsProbedAgain()
    {
        const int NewClients = 4;
        var healthyTopic = TestHost.NewTopic(broker.Kafka, "healthy", partitions: 1);
        var missing = $"gone-{Guid.NewGuid():N}"[..16];
        using var failed = new MetricCounter("messaging.outbox.publish_failed", missing);
        using var outages = new MetricCounter("messaging.outbox.topic_outage", missing);
        using var parked = new MetricCounter("messaging.outbox.parked", missing);
        var database = await postgres.Server.CreateDatabaseAsync("topicknownout");
        var settings = new Dictionary<string, string?>
        {
            ["Worker:Relay"] = "true",
            // DevBroker creates a topic on first use unless the client asks it not to: a topic deleted by mistake.
            ["Messaging:Kafka:allow.auto.create.topics"] = "false",
            // No retry of held streams (no probe of the topic) after the first round, for the whole test.
            ["Messaging:Outbox:InitialBackoff"] = "01:00:00",
            ["Messaging:Outbox:MaxBackoff"] = "01:00:00",
        };

        await using (var host = await TestHost.StartAsync(database, broker.BootstrapServers, settings))
        {
            // The first client on the missing topic is refused once: the relay learns that the topic is out. The healthy
            // topic's event makes it a partial outage (a whole one would back the relay off for InitialBackoff).
            await WriteAsync(host, (missing, "g-0", 1), (healthyTopic, "h", 0), (missing, "g-0", 2));
            await TestHost.WaitUntilAsync(() => Task.FromResult(failed.Count > 0), "the first delivery failing");

            // Each new client's first event on the missing topic, in the same transaction as a healthy topic's event: the
            // healthy event leaves, and the new client's is held without being produced (before, it was produced, waited
            // for the unknown topic, and cost its round up to half a delivery timeout).
            for (var client = 1; client <= NewClients; client++)
            {
                await WriteAsync(host, (missing, $"g-{client}", 1), (healthyTopic, "h", client), (missing, $"g-{client}", 2));
                var sequence = client;
                await TestHost.WaitUntilAsync(async () => await host.WithDbAsync(db => db.Set<OutboxMessage>().AllAsync(m => m.Topic == missing)),
                    $"the healthy topic's event {sequence} leaving");
            }

            Assert.Equal(1, failed.Count);
            Assert.Equal(1, outages.Count);
            Assert.False(await host.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.Attempts > 0 || m.ParkedAt != null)));
        }

        // The topic is back; a restart (or the next probe) retries the held clients: their events leave in order.
        broker.Kafka.CreateTopic(missing, 1);
        settings["Messaging:Outbox:InitialBackoff"] = "00:00:00.050";
        settings["Messaging:Outbox:MaxBackoff"] = "00:00:00.500";
        await using (var restarted = await TestHost.StartAsync(database, broker.BootstrapServers, settings))
        {
            var recovered = await KafkaMessages.ConsumeAsync(broker.BootstrapServers, missing, 2 * (NewClients + 1), TimeSpan.FromSeconds(60));
            for (var client = 0; client <= NewClients; client++)
            {
                Assert.Equal([$"g-{client}:1", $"g-{client}:2"], recovered.Of($"g-{client}"));
            }

            await TestHost.WaitUntilAsync(async () => await restarted.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync()) == false,
                "the outbox emptying");
        }

        Assert.Equal(0, parked.Count);
    }
}
