using System.Text;
using Confluent.Kafka;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Messaging.Envelope;
using Platform.Messaging.TestWorker;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;

namespace Platform.Messaging.Tests;

public sealed class ConsumerTests(PostgresFixture postgres, DevBrokerFixture broker)
{
    [Fact]
    public async Task TheSameEventDeliveredTwiceIsAppliedOnce()
    {
        var topic = TestHost.NewTopic(broker.Kafka, "dupes");
        await using var host = await StartConsumerAsync(topic, "dupes");
        using var duplicates = new MetricCounter("messaging.consumer.duplicates", topic);
        using var retried = new MetricCounter("messaging.consumer.retried", topic);
        var twice = TestHost.Event("c-1", 1);
        var sentinel = TestHost.Event("c-1", 2);

        await KafkaMessages.ProduceAsync(broker.BootstrapServers, topic, [twice, twice, sentinel]);

        // The sentinel sits behind both copies on the client's partition: once it is applied, both copies were seen.
        await TestHost.WaitUntilAsync(() => host.WithDbAsync(db => db.Applications.AnyAsync(a => a.EventId == sentinel.EventId)), "the sentinel");
        Assert.Equal(1, await host.WithDbAsync(db => db.Applications.CountAsync(a => a.EventId == twice.EventId)));
        Assert.Equal(2, await host.WithDbAsync(db => db.Counters.Where(c => c.ClientId == "c-1").Select(c => c.Value).SingleAsync()));
        // Skipped as a duplicate, not failed and retried (the inbox's plain insert refuses the copy; its second try skips it).
        await TestHost.WaitUntilAsync(() => Task.FromResult(duplicates.Count == 1), "the copy counted as a duplicate");
        Assert.Equal(0, retried.Count);
    }

    [Fact]
    public async Task AHandlerThatAlwaysFailsSendsTheMessageToTheDeadLetterTopicAfterTheConfiguredAttemptsAndTheMessagesBehindItAreProcessed()
    {
        var topic = TestHost.NewTopic(broker.Kafka, "poison");
        await using var host = await StartConsumerAsync(topic, "poison", maxAttempts: 3);
        host.Behaviour.FailWhen = message => message.Sequence == 3;
        var events = Enumerable.Range(1, 10).Select(i => TestHost.Event("c-7", i)).ToList();

        await KafkaMessages.ProduceAsync(broker.BootstrapServers, topic, events);

        await TestHost.WaitUntilAsync(async () => await host.WithDbAsync(db => db.Applications.CountAsync()) == 9, "the nine good events");
        var applied = await host.WithDbAsync(db => db.Applications.OrderBy(a => a.Id).Select(a => a.Sequence).ToListAsync());
        // The consumer awaits a dead letter's delivery before it moves on: with the events behind it applied, every dead letter is written.
        var dead = Assert.Single(await KafkaMessages.ConsumeAllAsync(broker.BootstrapServers, Topics.DeadLetterOf(topic), TimeSpan.FromSeconds(60)));
        Assert.Equal(events[2].EventId.ToString(), dead.Header(EnvelopeHeaders.EventId));
        Assert.Equal("3", dead.Header(EnvelopeHeaders.DeadLetterAttempts));
        Assert.Equal(typeof(InvalidOperationException).FullName, dead.Header(EnvelopeHeaders.DeadLetterErrorType));
        Assert.Equal("Refusing sequence 3.", dead.Header(EnvelopeHeaders.DeadLetterError));
        Assert.Equal("poison", dead.Header(EnvelopeHeaders.DeadLetterConsumer));
        Assert.StartsWith(topic + "/", dead.Header(EnvelopeHeaders.DeadLetterSource));
        Assert.Equal(events[2].Payload, dead.Value);
        Assert.Equal([1, 2, 4, 5, 6, 7, 8, 9, 10], applied);
    }

    [Fact]
    public async Task AMessageWithoutAValidEnvelopeGoesStraightToTheDeadLetterTopic()
    {
        var topic = TestHost.NewTopic(broker.Kafka, "malformed", partitions: 1);
        await using var host = await StartConsumerAsync(topic, "malformed", maxAttempts: 5);
        var good = TestHost.Event("c-2", 2);
        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = broker.BootstrapServers }).Build())
        {
            var headers = new Headers { { EnvelopeHeaders.EventType, Encoding.UTF8.GetBytes(nameof(CounterIncremented)) } };
            await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = "c-2", Value = [1, 2, 3], Headers = headers });
        }

        await KafkaMessages.ProduceAsync(broker.BootstrapServers, topic, [good]);

        await TestHost.WaitUntilAsync(() => host.WithDbAsync(db => db.Applications.AnyAsync(a => a.EventId == good.EventId)), "the good event");
        var dead = Assert.Single(await KafkaMessages.ConsumeAllAsync(broker.BootstrapServers, Topics.DeadLetterOf(topic), TimeSpan.FromSeconds(60)));
        Assert.Equal("1", dead.Header(EnvelopeHeaders.DeadLetterAttempts));
        Assert.Equal(typeof(InvalidEnvelopeException).FullName, dead.Header(EnvelopeHeaders.DeadLetterErrorType));
    }

    [Fact]
    public async Task HandlingJoinsThePublishersTraceThroughTheTraceparentHeader()
    {
        var topic = TestHost.NewTopic(broker.Kafka, "traced", partitions: 1);
        var processed = new System.Collections.Concurrent.ConcurrentBag<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == Telemetry.MessagingTelemetry.Name,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) =>
                System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = processed.Add,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        await using var host = await StartConsumerAsync(topic, "traced");
        var publisherTrace = System.Diagnostics.ActivityTraceId.CreateRandom();
        var traceParent = $"00-{publisherTrace}-{System.Diagnostics.ActivitySpanId.CreateRandom()}-01";
        var envelope = TestHost.Event("c-3", 1);

        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = broker.BootstrapServers }).Build())
        {
            await producer.ProduceAsync(topic, envelope.ToKafkaMessage(traceParent, null));
        }

        await TestHost.WaitUntilAsync(() => host.WithDbAsync(db => db.Applications.AnyAsync(a => a.EventId == envelope.EventId)), "the event");
        await TestHost.WaitUntilAsync(() => Task.FromResult(processed.Any(a => a.DisplayName == $"{topic} process")), "the process span");
        var span = processed.Single(a => a.DisplayName == $"{topic} process");
        Assert.Equal(publisherTrace, span.TraceId);
        Assert.Equal(System.Diagnostics.ActivityKind.Consumer, span.Kind);
        Assert.Equal(envelope.EventId.ToString(), span.GetTagItem("messaging.message.id"));
    }

    [Fact]
    public async Task WorkAfterTheCommitRunsToItsEndWhenTheHostStopsMeanwhile()
    {
        var topic = TestHost.NewTopic(broker.Kafka, "aftercommit");
        var host = await StartConsumerAsync(topic, "aftercommit");
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = false;
        host.Behaviour.AfterCommit = async cancellationToken =>
        {
            entered.TrySetResult();
            await release.Task.WaitAsync(cancellationToken);
            finished = true;
        };
        var stopping = host.Host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

        await KafkaMessages.ProduceAsync(broker.BootstrapServers, topic, [TestHost.Event("c-3", 1)]);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        var stopped = host.DisposeAsync().AsTask();
        await TestHost.WaitUntilAsync(() => Task.FromResult(stopping.IsCancellationRequested), "the host stopping");
        release.SetResult();
        await stopped;

        // The cache refresh (say) a committed change asked for was not cut short: a replay would be a duplicate and refresh nothing.
        Assert.True(finished);
    }

    private async Task<TestHost> StartConsumerAsync(string topic, string group, int maxAttempts = 5) =>
        await TestHost.StartAsync(await postgres.Server.CreateDatabaseAsync(group), broker.BootstrapServers, new Dictionary<string, string?>
        {
            ["Worker:Topic"] = topic,
            ["Worker:Group"] = group,
            ["Messaging:Consumer:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
}
