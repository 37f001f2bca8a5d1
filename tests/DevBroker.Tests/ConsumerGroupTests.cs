using Confluent.Kafka;
using Platform.TestSupport.Kafka;

namespace Platform.DevBroker.Tests;

[Collection(nameof(DevBrokerCollection))]
public sealed class ConsumerGroupTests(DevBrokerFixture broker)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    [Theory]
    [InlineData("classic")]
    [InlineData("consumer")]
    public async Task Group_members_share_the_partitions_and_a_member_that_leaves_hands_them_back(string protocol)
    {
        var ct = TestContext.Current.CancellationToken;
        var topic = $"group.{protocol}.{Guid.NewGuid():N}";
        broker.Kafka.CreateTopic(topic, 6);
        using (var producer = Clients.Producer(broker.BootstrapServers))
        {
            foreach (var i in Enumerable.Range(0, 12))
            {
                await producer.ProduceAsync(topic, Clients.Message($"client-{i}", $"{i}"), ct);
            }
        }

        using var first = Member(topic, protocol);
        var received = 0;
        PollUntil(() => received == 12, () => received += first.Consume(Poll) is null ? 0 : 1);

        using var second = Member(topic, protocol);
        PollUntil(
            () => first.Assignment.Count > 0 && second.Assignment.Count > 0 && first.Assignment.Count + second.Assignment.Count == 6,
            () =>
            {
                first.Consume(Poll);
                second.Consume(Poll);
            });

        second.Close();
        PollUntil(() => first.Assignment.Count == 6, () => first.Consume(Poll));
    }

    private IConsumer<string, byte[]> Member(string topic, string protocol)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = broker.BootstrapServers,
            GroupId = topic,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };
        if (protocol == "classic")
        {
            config.SessionTimeoutMs = 6000;
        }
        else
        {
            config.Set("group.protocol", "consumer");
        }

        var consumer = new ConsumerBuilder<string, byte[]>(config).Build();
        consumer.Subscribe(topic);
        return consumer;
    }

    private static void PollUntil(Func<bool> condition, Action poll)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"The group did not settle within {Deadline}.");
            poll();
        }
    }
}
