using Microsoft.EntityFrameworkCore;
using Platform.DevBroker;
using Platform.Messaging.Outbox;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Network;
using Platform.TestSupport.Postgres;
using static Platform.Messaging.Tests.OutboxRows;

namespace Platform.Messaging.Tests;

/// <summary>
/// Kafka refuses a produce request's batch of a partition as a whole, and librdkafka reports the refusal on every row of
/// it: with the relay's default batching, several clients' rows share it. The relay must not blame the refusal on the
/// row that happened to stand first, nor on all of them: it produces each refused head alone in a retry round, and
/// only what Kafka says about a row alone counts. DevBroker refuses whole requests (<see cref="EmbeddedKafka.FailNextRequests"/>):
/// the refusals below stand for a poisoned row, refused with the batch it is in and again when sent alone.
/// </summary>
public sealed class OutboxVerdictTests(PostgresFixture postgres)
{
    private const short ProduceApi = 0;
    private const int MsgSizeTooLarge = 10;
    private const int PolicyViolation = 44;

    [Fact]
    public async Task ARequestRefusedAsTooLargeParksOnlyTheRowThatIsRefusedAloneAndTheOthersLeaveInOrder()
    {
        var topic = "toolarge";
        using var kafka = EmbeddedKafka.Start(new EmbeddedKafkaOptions { Port = FreePorts.One(), Partitions = 1, Topics = [topic, $"{topic}.dlq"] });
        using var parked = new MetricCounter("messaging.outbox.parked", topic);
        await using var host = await TestHost.StartAsync(await postgres.Server.CreateDatabaseAsync("requesttoolarge"), kafka.BootstrapServers,
            new Dictionary<string, string?> { ["Worker:Relay"] = "true" });
        await WarmUpAsync(host, kafka, topic);

        // Three clients' rows in one request, refused as too large; then, each alone, a's and c's taken, b's refused.
        kafka.FailNextRequests(ProduceApi, MsgSizeTooLarge, 0, MsgSizeTooLarge, 0);
        await WriteAsync(host, (topic, "a", 1), (topic, "b", 1), (topic, "c", 1), (topic, "a", 2), (topic, "b", 2), (topic, "c", 2));

        var published = await KafkaMessages.ConsumeAsync(kafka.BootstrapServers, topic, 5, TimeSpan.FromSeconds(30));
        Assert.Equal(["a:1", "a:2"], published.Of("a"));
        Assert.Equal(["c:1", "c:2"], published.Of("c"));
        var rows = await WaitForParkedAsync(host);
        Assert.Equal([("b:1", 1, true), ("b:2", 0, false)], rows.Select(r => (Describe(r), r.Attempts, r.ParkedAt != null)));
        Assert.Contains("MsgSizeTooLarge", rows[0].LastError, StringComparison.Ordinal);
        Assert.Equal(1, parked.Count);
    }

    [Fact]
    public async Task AVerdictOnARequestWhileTheTopicTakesOthersParksThePoisonedRowNotTheFirstOfItsPartition()
    {
        var topic = "policy";
        using var kafka = EmbeddedKafka.Start(new EmbeddedKafkaOptions { Port = FreePorts.One(), Partitions = 1, Topics = [topic, $"{topic}.dlq"] });
        using var parked = new MetricCounter("messaging.outbox.parked", topic);
        await using var host = await TestHost.StartAsync(await postgres.Server.CreateDatabaseAsync("requestpolicy"), kafka.BootstrapServers,
            new Dictionary<string, string?>
            {
                ["Worker:Relay"] = "true",
                // A verdict that counts parks at once: the innocent row that stands first would be parked by one miscount.
                ["Messaging:Outbox:MaxAttempts"] = "1",
            });
        await WarmUpAsync(host, kafka, topic);

        // Two large events fill a request each (a request holds up to 1 MB), so the topic takes d-1's request before
        // refusing the next one: d-2, i-1, bad and i-2, of which d-2 stands first. Then, each alone, only bad is refused.
        const int Large = 600_000;
        kafka.FailNextRequests(ProduceApi, 0, PolicyViolation, 0, 0, PolicyViolation, 0);
        await WriteAsync(host, (topic, "d-1", 1, Large), (topic, "d-2", 1, Large), (topic, "i-1", 1, 0), (topic, "bad", 1, 0),
            (topic, "i-2", 1, 0), (topic, "bad", 2, 0), (topic, "i-1", 2, 0));

        var published = await KafkaMessages.ConsumeAsync(kafka.BootstrapServers, topic, 6, TimeSpan.FromSeconds(30));
        Assert.Equal(["d-1:1", "d-2:1", "i-1:1", "i-1:2", "i-2:1"], published.Select(Describe).Where(d => !d.StartsWith("warm", StringComparison.Ordinal)).Order());
        Assert.Equal(["i-1:1", "i-1:2"], published.Of("i-1"));
        var rows = await WaitForParkedAsync(host);
        Assert.Equal([("bad:1", 1, true), ("bad:2", 0, false)], rows.Select(r => (Describe(r), r.Attempts, r.ParkedAt != null)));
        Assert.Contains("PolicyViolation", rows[0].LastError, StringComparison.Ordinal);
        Assert.Equal(1, parked.Count);
    }

    // Waits for the relay's producer to exist (its first round), so that no earlier request takes the injected errors.
    private static async Task WarmUpAsync(TestHost host, EmbeddedKafka kafka, string topic)
    {
        await WriteAsync(host, (topic, "warm", 1));
        await KafkaMessages.ConsumeAsync(kafka.BootstrapServers, topic, 1, TimeSpan.FromSeconds(30));
    }

    private static async Task<List<OutboxMessage>> WaitForParkedAsync(TestHost host)
    {
        await TestHost.WaitUntilAsync(async () => await host.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.ParkedAt != null)),
            "a row being parked");
        return await host.WithDbAsync(db => db.Set<OutboxMessage>().OrderBy(m => m.Id).ToListAsync());
    }
}
