using Confluent.Kafka;
using Platform.Messaging;
using Platform.TestSupport.Network;

namespace Platform.DevBroker.Tests;

public sealed class FixedPortTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public void The_bootstrap_address_uses_the_fixed_port_asked_for()
    {
        var port = FreePorts.Consecutive(1);

        using var kafka = EmbeddedKafka.Start(new EmbeddedKafkaOptions { Port = port });

        Assert.Equal($"127.0.0.1:{port}", kafka.BootstrapServers);
        using var admin = Clients.Admin(kafka.BootstrapServers);
        var advertised = Assert.Single(admin.GetMetadata(Deadline).Brokers);
        Assert.Equal(("127.0.0.1", port), (advertised.Host, advertised.Port));
    }

    [Fact]
    public async Task Two_brokers_advertise_consecutive_fixed_ports_and_serve_every_partition()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = FreePorts.Consecutive(2);
        using var kafka = EmbeddedKafka.Start(new EmbeddedKafkaOptions { Port = port, Brokers = 2 });
        using var admin = Clients.Admin(kafka.BootstrapServers);
        using var producer = Clients.Producer(kafka.BootstrapServers);

        var metadata = admin.GetMetadata(Topics.EngagementEvents, Deadline);
        var delivered = new List<DeliveryResult<string, byte[]>>();
        foreach (var partition in Enumerable.Range(0, kafka.Partitions))
        {
            var target = new TopicPartition(Topics.EngagementEvents, partition);
            delivered.Add(await producer.ProduceAsync(target, Clients.Message($"client-{partition}", "v"), ct));
        }

        Assert.Equal($"127.0.0.1:{port},127.0.0.1:{port + 1}", kafka.BootstrapServers);
        Assert.Equal([(1, port), (2, port + 1)], metadata.Brokers.Select(b => (b.BrokerId, b.Port)).Order());
        // The mock cluster places leaders itself (sometimes all on one broker): every leader is one of ours.
        Assert.All(metadata.Topics.Single().Partitions, p => Assert.Contains(p.Leader, new[] { 1, 2 }));
        Assert.All(delivered, d => Assert.Equal(PersistenceStatus.Persisted, d.Status));
    }

    [Fact]
    public void Port_zero_picks_free_consecutive_ports()
    {
        using var kafka = EmbeddedKafka.Start(new EmbeddedKafkaOptions { Port = 0, Brokers = 3, Topics = [] });

        var ports = kafka.BootstrapServers.Split(',').Select(address => int.Parse(address.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(3, ports.Length);
        Assert.Equal([ports[0], ports[0] + 1, ports[0] + 2], ports);
        Assert.NotEqual(0, ports[0]);
    }

    [Fact]
    public void A_port_already_in_use_fails_start_with_a_message_naming_it()
    {
        var port = FreePorts.Consecutive(1);
        using var first = EmbeddedKafka.Start(new EmbeddedKafkaOptions { Port = port, Topics = [] });

        var error = Assert.Throws<InvalidOperationException>(() => EmbeddedKafka.Start(new EmbeddedKafkaOptions { Port = port, Topics = [] }));

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }
}
