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
        const string Topic = "toolarge";
        using var parked = new MetricCounter("messaging.outbox.parked", Topic);
        var (kafka, host) = await StartAsync(Topic, maxAttempts: 10);
        using var broker = kafka;
        await using var relay = host;

        // Three clients' rows in one request, refused as too large; then, each alone, a's and c's taken, b's refused.
        kafka.FailNextRequests(ProduceApi, MsgSizeTooLarge, 0, MsgSizeTooLarge, 0);
        await WriteAsync(host, (Topic, "a", 1), (Topic, "b", 1), (Topic, "c", 1), (Topic, "a", 2), (Topic, "b", 2), (Topic, "c", 2));

        var published = await KafkaMessages.ConsumeAsync(kafka.BootstrapServers, Topic, 5, TimeSpan.FromSeconds(30));
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
        const string Topic = "policy";
        using var parked = new MetricCounter("messaging.outbox.parked", Topic);
        // A verdict that counts parks at once: the innocent row that stands first would be parked by one miscount.
        var (kafka, host) = await StartAsync(Topic, maxAttempts: 1);
        using var broker = kafka;
        await using var relay = host;

        // Two large events fill a request each (a request holds up to 1 MB), so the topic takes d-1's request before
        // refusing the next one: d-2, i-1, bad and i-2, of which d-2 stands first. Then, each alone, only bad is refused.
        const int Large = 600_000;
        kafka.FailNextRequests(ProduceApi, 0, PolicyViolation, 0, 0, PolicyViolation, 0);
        await WriteAsync(host, (Topic, "d-1", 1, Large), (Topic, "d-2", 1, Large), (Topic, "i-1", 1, 0), (Topic, "bad", 1, 0),
            (Topic, "i-2", 1, 0), (Topic, "bad", 2, 0), (Topic, "i-1", 2, 0));

        var published = await KafkaMessages.ConsumeAsync(kafka.BootstrapServers, Topic, 6, TimeSpan.FromSeconds(30));
        Assert.Equal(["d-1:1", "d-2:1", "i-1:1", "i-1:2", "i-2:1"], published.Select(Describe).Where(d => !d.StartsWith("warm", StringComparison.Ordinal)).Order());
        Assert.Equal(["i-1:1", "i-1:2"], published.Of("i-1"));
        var rows = await WaitForParkedAsync(host);
        Assert.Equal([("bad:1", 1, true), ("bad:2", 0, false)], rows.Select(r => (Describe(r), r.Attempts, r.ParkedAt != null)));
        Assert.Contains("PolicyViolation", rows[0].LastError, StringComparison.Ordinal);
        Assert.Equal(1, parked.Count);
    }

    /// <summary>
    /// A DevBroker of its own (injected errors answer whichever produce request comes next) with a one-partition topic, and
    /// a relay on a database of its own whose producer exists (its first round published a warm-up event), so that no
    /// earlier request takes the injected errors.
    /// </summary>
    private async Task<(EmbeddedKafka Kafka, TestHost Host)> StartAsync(string topic, int maxAttempts)
    {
        var kafka = EmbeddedKafka.Start(new EmbeddedKafkaOptions { Port = FreePorts.One(), Partitions = 1, Topics = [topic, $"{topic}.dlq"] });
        // The injected errors answer requests in order, so each request must hold the rows the test names: with the default
        // 2 ms linger a relay descheduled between two rows (a loaded CI machine) sent them apart, and the refusal meant for
        // the poisoned row's request went to an innocent one. 200 ms fills a request with all of a round's rows that fit.
        var host = await TestHost.StartAsync(await postgres.Server.CreateDatabaseAsync(topic), kafka.BootstrapServers,
            new Dictionary<string, string?>
            {
                ["Worker:Relay"] = "true", ["Messaging:Outbox:MaxAttempts"] = $"{maxAttempts}", ["Messaging:Linger"] = "00:00:00.200",
            });
        await WriteAsync(host, (topic, "warm", 1));
        await KafkaMessages.ConsumeAsync(kafka.BootstrapServers, topic, 1, TimeSpan.FromSeconds(30));
        return (kafka, host);
    }

    private static async Task<List<OutboxMessage>> WaitForParkedAsync(TestHost host)
    {
        await TestHost.WaitUntilAsync(async () => await host.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.ParkedAt != null)),
            "a row being parked");
        return await host.WithDbAsync(db => db.Set<OutboxMessage>().OrderBy(m => m.Id).ToListAsync());
    }
}
