using System.Text;
using Confluent.Kafka;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Platform.Messaging.Envelope;
using Platform.Messaging.TestWorker;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;

namespace Platform.Messaging.Tests;

/// <summary>The failure paths of a group that handles in batches (<see cref="Consuming.IEventBatchHandler"/>), with <see cref="CountingBatchHandler"/>.</summary>
public sealed class BatchConsumerTests(PostgresFixture postgres, DevBrokerFixture broker)
{
    [Fact]
    public async Task ABatchFailingForEveryEventDeadLettersEachOnceWithoutTheConsumerLeavingItsGroup()
    {
        var topic = TestHost.NewTopic(broker.Kafka, "allfail", partitions: 1);
        const int total = 50;
        var events = Enumerable.Range(1, total).Select(i => TestHost.Event($"f-{i % 5}", i)).ToList();
        // All fetched before the consumer starts: one batch of 50, each event's retries 200 ms, 10 s in all, past the poll interval.
        await KafkaMessages.ProduceAsync(broker.BootstrapServers, topic, events);
        using var logs = new CapturedLogs();
        await using var host = await StartAsync(topic, "allfail", new Dictionary<string, string?>
        {
            ["Messaging:Consumer:MaxBatch"] = "50",
            ["Messaging:Consumer:MaxAttempts"] = "2",
            ["Messaging:Consumer:InitialBackoff"] = "00:00:00.200",
            ["Messaging:Consumer:MaxBackoff"] = "00:00:00.200",
            ["Messaging:Consumer:MaxPollInterval"] = "00:00:06",
        }, logs, failEvery: true);

        // Every offset committed: the group's offset only moves while the consumer is still its member.
        await TestHost.WaitUntilAsync(async () => await CommittedAsync(topic, "allfail") == total, "every offset committed", seconds: 120);

        var dead = await KafkaMessages.ConsumeAllAsync(broker.BootstrapServers, Topics.DeadLetterOf(topic), TimeSpan.FromSeconds(30));
        Assert.Equal(events.Select(e => e.EventId.ToString()).Order(), dead.Select(d => d.Header(EnvelopeHeaders.EventId)!).Order());
        Assert.All(dead, d => Assert.Equal("2", d.Header(EnvelopeHeaders.DeadLetterAttempts)));
        Assert.DoesNotContain(logs.Messages, m => m.Contains("crashed", StringComparison.Ordinal));
        Assert.Contains(logs.Messages, m => m.Contains("go back to the poll loop", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMalformedEnvelopeInABatchIsDeadLetteredBetweenTheRunsBeforeAndAfterIt()
    {
        var topic = TestHost.NewTopic(broker.Kafka, "bmalformed", partitions: 1);
        var before = Enumerable.Range(1, 3).Select(i => TestHost.Event("m-1", i)).ToList();
        var after = Enumerable.Range(4, 3).Select(i => TestHost.Event("m-1", i)).ToList();
        await KafkaMessages.ProduceAsync(broker.BootstrapServers, topic, before);
        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = broker.BootstrapServers }).Build())
        {
            var headers = new Headers { { EnvelopeHeaders.EventType, Encoding.UTF8.GetBytes(nameof(CounterIncremented)) } };
            await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = "m-1", Value = [1, 2, 3], Headers = headers });
        }

        await KafkaMessages.ProduceAsync(broker.BootstrapServers, topic, after);
        await using var host = await StartAsync(topic, "bmalformed", []);
        using var deadLettered = new MetricCounter("messaging.consumer.dead_lettered", topic, _ => host.Behaviour.Journal.Enqueue("dead"));

        await TestHost.WaitUntilAsync(async () => await CommittedAsync(topic, "bmalformed") == 7, "every offset committed");

        // How the client split the messages into batches varies; the order of commits and the dead letter does not.
        Assert.Equal("1,2,3 dead 4,5,6", Flattened(host.Behaviour.Journal));
        var applied = await host.WithDbAsync(db => db.Applications.OrderBy(a => a.Id).Select(a => new { a.Sequence, a.Offset }).ToListAsync());
        Assert.Equal([(1L, 0L), (2, 1), (3, 2), (4, 4), (5, 5), (6, 6)], applied.Select(a => (a.Sequence, a.Offset)));
        var dead = Assert.Single(await KafkaMessages.ConsumeAllAsync(broker.BootstrapServers, Topics.DeadLetterOf(topic), TimeSpan.FromSeconds(30)));
        Assert.Equal(typeof(InvalidEnvelopeException).FullName, dead.Header(EnvelopeHeaders.DeadLetterErrorType));
        Assert.Equal($"{topic}/0/3", dead.Header(EnvelopeHeaders.DeadLetterSource));
    }

    [Fact]
    public async Task APoisonedEventInABatchIsDeadLetteredAloneAndTheOthersCommitInOrderAroundIt()
    {
        var topic = TestHost.NewTopic(broker.Kafka, "bpoison", partitions: 1);
        var events = Enumerable.Range(1, 8).Select(i => TestHost.Event("p-1", i)).ToList();
        await KafkaMessages.ProduceAsync(broker.BootstrapServers, topic, events);
        await using var host = await StartAsync(topic, "bpoison", new Dictionary<string, string?> { ["Messaging:Consumer:MaxAttempts"] = "3" },
            failWhen: message => message.Sequence == 6);
        using var deadLettered = new MetricCounter("messaging.consumer.dead_lettered", topic, _ => host.Behaviour.Journal.Enqueue("dead"));

        await TestHost.WaitUntilAsync(async () => await CommittedAsync(topic, "bpoison") == 8, "every offset committed");

        // The dead letter is written after the events before it commit, and before those behind it do.
        Assert.Equal("1,2,3,4,5 dead 7,8", Flattened(host.Behaviour.Journal));
        var applied = await host.WithDbAsync(db => db.Applications.OrderBy(a => a.Id).Select(a => a.Sequence).ToListAsync());
        Assert.Equal([1L, 2, 3, 4, 5, 7, 8], applied);
        var dead = Assert.Single(await KafkaMessages.ConsumeAllAsync(broker.BootstrapServers, Topics.DeadLetterOf(topic), TimeSpan.FromSeconds(30)));
        Assert.Equal(events[5].EventId.ToString(), dead.Header(EnvelopeHeaders.EventId));
        Assert.Equal("3", dead.Header(EnvelopeHeaders.DeadLetterAttempts));
    }

    [Fact]
    public async Task ADatabaseOutageUnderABatchIsWaitedOutCountingNoAttemptAndDeadLetteringNothing()
    {
        await using var database = await PostgresServer.StartAsync(); // its own server: the shared one must stay up
        var topic = TestHost.NewTopic(broker.Kafka, "bpgdown");
        using var retried = new MetricCounter("messaging.consumer.retried", topic);
        await using var host = await TestHost.StartAsync(await database.CreateDatabaseAsync("bpgdown"), broker.BootstrapServers,
            new Dictionary<string, string?>
            {
                ["Worker:Topic"] = topic, ["Worker:Group"] = "bpgdown", ["Worker:Batch"] = "true",
                ["Messaging:Consumer:MaxAttempts"] = "2", ["Messaging:Consumer:MaxBatch"] = "10",
            }, behave: behaviour => behaviour.Delay = TimeSpan.FromMilliseconds(100)); // 40 batches or more, 4 s or more
        const int total = 400;
        var events = Enumerable.Range(1, total).Select(i => TestHost.Event($"o-{i % 4}", i)).ToList();

        await KafkaMessages.ProduceAsync(broker.BootstrapServers, topic, events);
        await TestHost.WaitUntilAsync(async () => await host.WithDbAsync(db => db.Applications.CountAsync()) >= 20, "some events handled");
        await database.StopAsync();
        await TestHost.WaitUntilAsync(async () => await host.ReadinessAsync() == HealthStatus.Unhealthy, "the consumer waiting for its database");
        await database.RestartAsync();
        await TestHost.WaitUntilAsync(async () => await host.WithDbAsync(db => db.Applications.Select(a => a.EventId).Distinct().CountAsync()) == total,
            "every event handled", seconds: 120);

        Assert.Equal(total, await host.WithDbAsync(db => db.Applications.CountAsync()));
        Assert.Equal(total, await host.WithDbAsync(db => db.Counters.SumAsync(c => c.Value)));
        Assert.Equal(0, retried.Count);
        Assert.Empty(await KafkaMessages.ConsumeAllAsync(broker.BootstrapServers, Topics.DeadLetterOf(topic), TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task TwoMembersInOneProcessHandleBatchesOfTheirOwnPartitionsAtOnceAndEveryEventCountsOnce()
    {
        var topic = TestHost.NewTopic(broker.Kafka, "members", partitions: 4);
        await using var host = await StartAsync(topic, "members", new Dictionary<string, string?>
        {
            ["Messaging:Consumer:Members"] = "2", ["Messaging:Consumer:MaxBatch"] = "5",
        });
        // Slow batches, so that two members' batches overlap once both have partitions (a rebalance may take a moment).
        host.Behaviour.Delay = TimeSpan.FromMilliseconds(300);

        var produced = new List<EventEnvelope>();
        await TestHost.WaitUntilAsync(async () =>
        {
            var more = Enumerable.Range(produced.Count, 40).Select(i => TestHost.Event($"c-{i % 37}", i)).ToList();
            await KafkaMessages.ProduceAsync(broker.BootstrapServers, topic, more);
            produced.AddRange(more);
            return host.Behaviour.MostAtOnce >= 2;
        }, "two batches under way at once");

        host.Behaviour.Delay = TimeSpan.Zero;
        await TestHost.WaitUntilAsync(async () => await host.WithDbAsync(db => db.Applications.CountAsync()) == produced.Count, "every event handled");
        Assert.Equal(produced.Count, await host.WithDbAsync(db => db.Applications.Select(a => a.EventId).Distinct().CountAsync()));
    }

    [Fact]
    public async Task AnEventTheInboxAlreadyHoldsIsSkippedInALaterBatchWhoseOtherEventsAreAppliedWithoutARetry()
    {
        var topic = TestHost.NewTopic(broker.Kafka, "replayed", partitions: 1);
        using var logs = new CapturedLogs();
        await using var host = await StartAsync(topic, "replayed", new Dictionary<string, string?> { ["Messaging:Consumer:MaxBatch"] = "50" }, logs);
        using var duplicates = new MetricCounter("messaging.consumer.duplicates", topic);
        using var retried = new MetricCounter("messaging.consumer.retried", topic);
        var first = TestHost.Event("r-1", 1);
        host.Behaviour.Delay = TimeSpan.FromSeconds(2);
        await KafkaMessages.ProduceAsync(broker.BootstrapServers, topic, [first]);
        await TestHost.WaitUntilAsync(() => Task.FromResult(host.Behaviour.MostAtOnce == 1), "the first event's batch under way");

        // A copy of the event being handled (a relay's second publication) with new events behind it, all fetched while the
        // first batch waits: the next batch holds the copy and the new events together.
        var later = Enumerable.Range(2, 5).Select(i => TestHost.Event($"r-{i}", i)).ToList();
        await KafkaMessages.ProduceAsync(broker.BootstrapServers, topic, [first, .. later]);
        host.Behaviour.Delay = TimeSpan.Zero;

        await TestHost.WaitUntilAsync(() => Task.FromResult(duplicates.Count == 1), "the copy skipped");
        await TestHost.WaitUntilAsync(async () => await host.WithDbAsync(db => db.Applications.CountAsync()) == 1 + later.Count, "the later events");
        Assert.Equal(1, await host.WithDbAsync(db => db.Applications.CountAsync(a => a.EventId == first.EventId)));
        Assert.Equal(0, retried.Count);
        // The refused insert is expected: nothing logs it as a warning or an error (EF Core logs a failed command as an error).
        Assert.DoesNotContain(logs.Messages, m => m.Contains("INSERT INTO inbox_messages", StringComparison.Ordinal));
    }

    [Fact]
    public void AGroupThatMixesBatchAndPerEventHandlersIsRefused()
    {
        var builder = Host.CreateApplicationBuilder();
        var messaging = builder.AddMessaging();

        var refused = Assert.Throws<InvalidOperationException>(() => messaging.AddConsumer<TestDbContext>("mixed", consumer => consumer
            .HandleInBatches<CounterIncremented, CountingBatchHandler>("a")
            .Handle<CounterIncremented, CountingHandler>("b")));

        Assert.Contains("mixes handlers", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>The journal as one line: the committed sequences joined by commas, runs of them separated by "dead".</summary>
    private static string Flattened(IEnumerable<string> journal) =>
        string.Join(",", journal.Select(e => e.Replace("committed ", "", StringComparison.Ordinal))).Replace(",dead,", " dead ", StringComparison.Ordinal);

    private async Task<TestHost> StartAsync(
        string topic, string group, Dictionary<string, string?> settings, CapturedLogs? logs = null,
        bool failEvery = false, Func<CounterIncremented, bool>? failWhen = null)
    {
        settings["Worker:Topic"] = topic;
        settings["Worker:Group"] = group;
        settings["Worker:Batch"] = "true";
        return await TestHost.StartAsync(await postgres.Server.CreateDatabaseAsync(group), broker.BootstrapServers, settings, logs,
            behaviour => behaviour.FailWhen = failEvery ? _ => true : failWhen ?? (_ => false));
    }

    /// <summary>The group's committed offset of the topic's partition 0 (read without joining the group).</summary>
    private async Task<long> CommittedAsync(string topic, string group)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = broker.BootstrapServers, GroupId = group }).Build();
        var committed = await Task.Run(() => consumer.Committed([new TopicPartition(topic, 0)], TimeSpan.FromSeconds(10)));
        return committed.Single().Offset.Value;
    }
}
