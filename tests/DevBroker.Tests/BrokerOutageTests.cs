using System.Net;
using System.Net.Sockets;
using Confluent.Kafka;
using Platform.Messaging;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Network;

namespace Platform.DevBroker.Tests;

public sealed class BrokerOutageTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task While_the_brokers_are_down_nothing_is_delivered_and_after_up_the_queued_messages_arrive_in_order_per_key()
    {
        var ct = TestContext.Current.CancellationToken;
        using var kafka = EmbeddedKafka.Start(new EmbeddedKafkaOptions { Port = FreePorts.One() });
        using var patient = Clients.Producer(kafka.BootstrapServers, messageTimeoutMs: 120_000);
        using var impatient = Clients.Producer(kafka.BootstrapServers, messageTimeoutMs: 1_000);
        await patient.ProduceAsync(Topics.ActivityEvents, Clients.Message("warm-up", "patient"), ct);
        await impatient.ProduceAsync(Topics.ActivityEvents, Clients.Message("warm-up", "impatient"), ct);

        kafka.SetAllBrokersDown();
        string[] keys = ["client-a", "client-b", "client-c"];
        var queued = Enumerable.Range(0, 10)
            .SelectMany(seq => keys.Select(key => patient.ProduceAsync(Topics.ActivityEvents, Clients.Message(key, $"{seq}"), ct)))
            .ToArray();
        var timedOut = await Assert.ThrowsAsync<ProduceException<string, byte[]>>(
            () => impatient.ProduceAsync(Topics.ActivityEvents, Clients.Message("client-z", "lost"), ct).WaitAsync(Deadline, ct));

        Assert.Equal(ErrorCode.Local_MsgTimedOut, timedOut.Error.Code);
        Assert.DoesNotContain(queued, delivery => delivery.IsCompleted);

        kafka.SetAllBrokersUp();
        var delivered = await Task.WhenAll(queued).WaitAsync(Deadline, ct);

        Assert.All(delivered, d => Assert.Equal(PersistenceStatus.Persisted, d.Status));
        var consumed = await KafkaMessages.ConsumeAsync(kafka.BootstrapServers, Topics.ActivityEvents, queued.Length, Deadline, m => keys.Contains(m.Key), ct);
        Assert.All(consumed.GroupBy(m => m.Key), perKey =>
            Assert.Equal(Enumerable.Range(0, 10).Select(i => $"{i}"), perKey.Select(m => System.Text.Encoding.UTF8.GetString(m.Value))));
    }

    [Fact]
    public async Task A_broker_that_is_down_refuses_connections_on_its_fixed_port_until_it_is_up()
    {
        var ct = TestContext.Current.CancellationToken;
        using var kafka = EmbeddedKafka.Start(new EmbeddedKafkaOptions { Port = FreePorts.Consecutive(2), Brokers = 2, Topics = [] });
        var ports = kafka.BootstrapServers.Split(',').Select(a => IPEndPoint.Parse(a)).ToArray();

        kafka.SetBrokerDown(1);

        Assert.False(await Accepts(ports[0], ct));
        Assert.True(await Accepts(ports[1], ct));

        kafka.SetBrokerUp(1);

        Assert.True(await Accepts(ports[0], ct));
    }

    private static async Task<bool> Accepts(IPEndPoint endpoint, CancellationToken ct)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(endpoint, ct);
            return true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return false;
        }
    }
}
