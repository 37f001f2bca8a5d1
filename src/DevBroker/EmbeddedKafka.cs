using System.Net;
using Platform.DevBroker.Native;

namespace Platform.DevBroker;

/// <summary>
/// A Kafka-protocol cluster inside this process (librdkafka's mock cluster), reachable on
/// fixed ports. For development, tests and demos only: see <see cref="Limits"/>.
/// </summary>
public sealed class EmbeddedKafka : IDisposable
{
    private const int PortAttempts = 20;

    private readonly MockCluster _cluster;
    private readonly IReadOnlyList<TcpForwarder> _forwarders;

    private EmbeddedKafka(MockCluster cluster, IReadOnlyList<TcpForwarder> forwarders, string host, int partitions, IReadOnlyList<string> topics)
    {
        _cluster = cluster;
        _forwarders = forwarders;
        Partitions = partitions;
        Topics = topics;
        BootstrapServers = string.Join(',', forwarders.Select(f => $"{host}:{f.Port}"));
    }

    public static IReadOnlyList<string> Limits { get; } =
    [
        "No persistence: topics, messages, committed offsets and groups are lost when DevBroker stops.",
        "Retention by size: a partition keeps only its newest ~5 MiB / 100k batches; older data is dropped.",
        "Admin APIs (CreateTopics, ListGroups, ...) are unreliable: no code path may depend on them; topics are pre-created.",
        "read_committed isolation is not honoured: consumers may see records of open or aborted transactions.",
    ];

    public string BootstrapServers { get; }

    public int Partitions { get; }

    /// <summary>
    /// The topics created at start.
    /// </summary>
    public IReadOnlyList<string> Topics { get; }

    public static EmbeddedKafka Start(EmbeddedKafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);

        var cluster = MockCluster.Create(options.Brokers);
        List<TcpForwarder> forwarders = [];
        try
        {
            foreach (var topic in options.Topics)
            {
                cluster.CreateTopic(topic, options.Partitions, ReplicationFactor(options.Brokers));
            }

            forwarders = BindForwarders(options, cluster.Listeners);
            for (var i = 0; i < forwarders.Count; i++)
            {
                cluster.AdvertiseAs(brokerId: i + 1, options.Host, forwarders[i].Port);
                forwarders[i].Start();
            }

            return new EmbeddedKafka(cluster, forwarders, options.Host, options.Partitions, [.. options.Topics]);
        }
        catch
        {
            forwarders.ForEach(f => f.Dispose());
            cluster.Dispose();
            throw;
        }
    }

    public void CreateTopic(string topic, int partitions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        _cluster.CreateTopic(topic, partitions, ReplicationFactor(_forwarders.Count));
    }

    public void SetBrokerDown(int brokerId)
    {
        Forwarder(brokerId).Stop();
        _cluster.SetDown(brokerId);
    }

    public void SetBrokerUp(int brokerId)
    {
        _cluster.SetUp(brokerId);
        Forwarder(brokerId).Resume();
    }

    public void SetAllBrokersDown()
    {
        for (var id = 1; id <= _forwarders.Count; id++)
        {
            SetBrokerDown(id);
        }
    }

    public void SetAllBrokersUp()
    {
        for (var id = 1; id <= _forwarders.Count; id++)
        {
            SetBrokerUp(id);
        }
    }

    /// <summary>
    /// Fault injection for tests: the next requests of Kafka API <paramref name="apiKey"/> (0 = Produce), on any
    /// broker, answer <paramref name="errorCodes"/> in turn (Kafka protocol error codes) without being applied.
    /// </summary>
    public void FailNextRequests(short apiKey, params int[] errorCodes)
    {
        ArgumentNullException.ThrowIfNull(errorCodes);
        _cluster.PushRequestErrors(apiKey, errorCodes);
    }

    /// <summary>
    /// Fault injection for tests: moves the leadership of one partition to broker <paramref name="brokerId"/>, or with
    /// null leaves the partition without a leader (clients hold its messages until it has one again or they time out),
    /// while the topic's other partitions keep working: a partial outage.
    /// </summary>
    public void SetPartitionLeader(string topic, int partition, int? brokerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        if (brokerId is { } id)
        {
            _ = Forwarder(id);
        }

        _cluster.SetPartitionLeader(topic, partition, brokerId ?? -1);
    }

    public void Dispose()
    {
        foreach (var forwarder in _forwarders)
        {
            forwarder.Dispose();
        }

        _cluster.Dispose();
    }

    private TcpForwarder Forwarder(int brokerId) =>
        brokerId >= 1 && brokerId <= _forwarders.Count
            ? _forwarders[brokerId - 1]
            : throw new ArgumentOutOfRangeException(nameof(brokerId), brokerId, $"Broker ids run from 1 to {_forwarders.Count}.");

    private static void Validate(EmbeddedKafkaOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Brokers, 1, nameof(options.Brokers));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Partitions, 1, nameof(options.Partitions));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port, nameof(options.Port));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, IPEndPoint.MaxPort - options.Brokers + 1, nameof(options.Port));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Host, nameof(options.Host));
        ArgumentNullException.ThrowIfNull(options.Topics, nameof(options.Topics));
    }

    private static List<TcpForwarder> BindForwarders(EmbeddedKafkaOptions options, IReadOnlyList<IPEndPoint> upstreams)
    {
        var address = ResolveHost(options.Host);
        for (var attempt = 0; attempt < (options.Port == 0 ? PortAttempts : 1); attempt++)
        {
            // With Port 0 the OS picks the first port; the others must follow it, so a clash means another try.
            var bound = new List<TcpForwarder>();
            foreach (var upstream in upstreams)
            {
                var port = bound.Count == 0 ? options.Port : bound[0].Port + bound.Count;
                if (port > IPEndPoint.MaxPort || TcpForwarder.TryBind(new IPEndPoint(address, port), upstream) is not { } forwarder)
                {
                    break;
                }

                bound.Add(forwarder);
            }

            if (bound.Count == upstreams.Count)
            {
                return bound;
            }

            bound.ForEach(f => f.Dispose());
        }

        throw new InvalidOperationException(options.Port == 0
            ? $"DevBroker found no {upstreams.Count} consecutive free ports on {options.Host}."
            : $"DevBroker cannot listen on {options.Host}:{options.Port}..{options.Port + upstreams.Count - 1}: a port is in use. Stop the other broker or choose another DevBroker:Port.");
    }

    private static int ReplicationFactor(int brokers) => Math.Min(3, brokers);

    private static IPAddress ResolveHost(string host) =>
        IPAddress.TryParse(host, out var address)
            ? address
            : Dns.GetHostAddresses(host).FirstOrDefault() ?? throw new InvalidOperationException($"DevBroker cannot resolve host '{host}'.");
}
