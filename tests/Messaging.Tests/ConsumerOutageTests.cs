using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Messaging.Envelope;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;

namespace Platform.Messaging.Tests;

/// <summary>What a consumer does when what it writes to fails: the dead-letter topic, or its database.</summary>
public sealed class ConsumerOutageTests(PostgresFixture postgres, DevBrokerFixture broker)
{
    [Fact]
    public async Task ADeadLetterThatCannotBeWrittenKeepsTheMessageInPlaceAndIsRetriedUntilItIsWritten()
    {
        var topic = $"dlqdown-{Guid.NewGuid():N}"[..16];
        broker.Kafka.CreateTopic(topic, 1); // and no dead-letter topic yet
        using var failedWrites = new MetricCounter("messaging.consumer.dead_letter_failed", topic);
        await using var host = await TestHost.StartAsync(await postgres.Server.CreateDatabaseAsync("dlqdown"), broker.BootstrapServers,
            new Dictionary<string, string?>
            {
                ["Worker:Topic"] = topic,
                ["Worker:Group"] = "dlqdown",
                ["Messaging:Consumer:MaxAttempts"] = "2",
                // DevBroker creates a topic on first use unless the client asks it not to.
                ["Messaging:Kafka:allow.auto.create.topics"] = "false",
            });
        host.Behaviour.FailWhen = message => message.Sequence == 1;
        var poison = TestHost.Event("d-1", 1);
        var behind = TestHost.Event("d-1", 2);

        await KafkaMessages.ProduceAsync(broker.BootstrapServers, topic, [poison, behind]);
        await TestHost.WaitUntilAsync(() => Task.FromResult(failedWrites.Count >= 2), "two failed dead-letter writes");

        // The message that could not be dead-lettered was not skipped: the partition waits behind it.
        Assert.False(await host.WithDbAsync(db => db.Applications.AnyAsync(a => a.EventId == behind.EventId)));

        broker.Kafka.CreateTopic(Topics.DeadLetterOf(topic), 1);
        await TestHost.WaitUntilAsync(() => host.WithDbAsync(db => db.Applications.AnyAsync(a => a.EventId == behind.EventId)), "the event behind it");
        var dead = Assert.Single(await KafkaMessages.ConsumeAllAsync(broker.BootstrapServers, Topics.DeadLetterOf(topic), TimeSpan.FromSeconds(30)));
        Assert.Equal(poison.EventId.ToString(), dead.Header(EnvelopeHeaders.EventId));
    }

    [Fact]
    public async Task ADatabaseStoppedAndRestartedUnderAConsumerMakesItUnreadyAndLosesOrRepeatsNothing()
    {
        await using var database = await PostgresServer.StartAsync(); // its own server: the shared one must stay up
        var topic = TestHost.NewTopic(broker.Kafka, "pgdown");
        await using var host = await TestHost.StartAsync(await database.CreateDatabaseAsync("pgdown"), broker.BootstrapServers,
            new Dictionary<string, string?> { ["Worker:Topic"] = topic, ["Worker:Group"] = "pgdown", ["Messaging:Consumer:MaxAttempts"] = "2" });
        host.Behaviour.Delay = TimeSpan.FromMilliseconds(5);
        const int total = 400;
        var events = Enumerable.Range(1, total).Select(i => TestHost.Event($"g-{i % 4}", i)).ToList();

        await KafkaMessages.ProduceAsync(broker.BootstrapServers, topic, events);
        await TestHost.WaitUntilAsync(async () => await host.WithDbAsync(db => db.Applications.CountAsync()) >= 20, "some events handled");
        await database.StopAsync();
        await TestHost.WaitUntilAsync(async () => await host.ReadinessAsync() == HealthStatus.Unhealthy, "readiness turning unhealthy");

        await database.RestartAsync();
        await TestHost.WaitUntilAsync(async () => await host.WithDbAsync(db => db.Applications.Select(a => a.EventId).Distinct().CountAsync()) == total,
            "every event handled", seconds: 120);
        await TestHost.WaitUntilAsync(async () => await host.ReadinessAsync() == HealthStatus.Healthy, "readiness recovering");

        Assert.Equal(total, await host.WithDbAsync(db => db.Applications.CountAsync()));
        Assert.Equal(total, await host.WithDbAsync(db => db.Counters.SumAsync(c => c.Value)));
        Assert.Empty(await KafkaMessages.ConsumeAllAsync(broker.BootstrapServers, Topics.DeadLetterOf(topic), TimeSpan.FromSeconds(30)));
    }
}
