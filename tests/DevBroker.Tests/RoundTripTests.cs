using Confluent.Kafka;
using Platform.Messaging;
using Platform.TestSupport.Kafka;

namespace Platform.DevBroker.Tests;

[Collection(nameof(DevBrokerCollection))]
public sealed class RoundTripTests(DevBrokerFixture broker)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public void Every_platform_topic_exists_with_the_configured_partition_count()
    {
        using var admin = Clients.Admin(broker.BootstrapServers);

        var metadata = admin.GetMetadata(Deadline);

        Assert.Equal(6, broker.Kafka.Partitions);
        Assert.All(Topics.All, topic =>
            Assert.Equal(broker.Kafka.Partitions, metadata.Topics.Single(t => t.Topic == topic).Partitions.Count));
    }

    [Fact]
    public async Task A_keyed_message_with_headers_comes_back_with_the_same_key_headers_and_value()
    {
        var ct = TestContext.Current.CancellationToken;
        var keys = Enumerable.Range(0, 3).Select(i => $"round-trip-{Guid.NewGuid():N}-{i}").ToArray();
        using var producer = Clients.Producer(broker.BootstrapServers);

        foreach (var key in keys)
        {
            await producer.ProduceAsync(Topics.OnboardingEvents, Clients.Message(key, $"value of {key}", ("event-type", "step-recorded"), ("schema-version", "1")), ct);
        }

        var consumed = await broker.ConsumeAsync(Topics.OnboardingEvents, keys.Length, Deadline, m => keys.Contains(m.Key), ct);
        Assert.Equal(keys.Order(), consumed.Select(m => m.Key).Order());
        Assert.All(consumed, message =>
        {
            Assert.Equal($"value of {message.Key}", System.Text.Encoding.UTF8.GetString(message.Value));
            Assert.Equal(["event-type", "schema-version"], message.Headers.Select(h => h.Key));
            Assert.Equal("step-recorded", message.Header("event-type"));
            Assert.Equal("1", message.Header("schema-version"));
        });
    }

    [Fact]
    public async Task Messages_with_the_same_key_land_on_one_partition_in_the_order_produced()
    {
        var ct = TestContext.Current.CancellationToken;
        var key = $"ordering-{Guid.NewGuid():N}";
        using var producer = Clients.Producer(broker.BootstrapServers);

        var results = new List<DeliveryResult<string, byte[]>>();
        foreach (var i in Enumerable.Range(0, 20))
        {
            results.Add(await producer.ProduceAsync(Topics.TieringEvents, Clients.Message(key, i.ToString()), ct));
        }

        var consumed = await broker.ConsumeAsync(Topics.TieringEvents, 20, Deadline, m => m.Key == key, ct);
        Assert.Single(results.Select(r => r.Partition.Value).Distinct());
        Assert.Equal(Enumerable.Range(0, 20).Select(i => i.ToString()), consumed.Select(m => System.Text.Encoding.UTF8.GetString(m.Value)));
    }

    [Fact]
    public void A_topic_created_at_run_time_has_the_requested_partition_count_and_cannot_be_created_twice()
    {
        var topic = $"extra.{Guid.NewGuid():N}";

        broker.Kafka.CreateTopic(topic, 3);

        using var admin = Clients.Admin(broker.BootstrapServers);
        Assert.Equal(3, admin.GetMetadata(topic, Deadline).Topics.Single().Partitions.Count);
        var twice = Assert.Throws<InvalidOperationException>(() => broker.Kafka.CreateTopic(topic, 3));
        Assert.Contains(topic, twice.Message, StringComparison.Ordinal);
    }
}
