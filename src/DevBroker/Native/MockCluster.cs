using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace Platform.DevBroker.Native;

// librdkafka's mock cluster and the client handle it lives on. The mock API needs an
// rd_kafka_t for bookkeeping only; DevBroker creates a bare producer handle through the C API
// instead of reaching into Confluent.Kafka's internal SafeKafkaHandle.
internal sealed class MockCluster : IDisposable
{
    private const int ErrTopicAlreadyExists = 36;

    private IntPtr _rk;
    private IntPtr _cluster;

    private MockCluster(IntPtr rk, IntPtr cluster)
    {
        _rk = rk;
        _cluster = cluster;
    }

    // The mock brokers' own listeners, in broker id order (id = index + 1).
    public IReadOnlyList<IPEndPoint> Listeners { get; private set; } = [];

    public static MockCluster Create(int brokers)
    {
        var path = LibrdkafkaLibrary.EnsureBound();
        try
        {
            var rk = NewHandle();
            var cluster = MockApi.ClusterNew(rk, brokers);
            if (cluster == IntPtr.Zero)
            {
                MockApi.Destroy(rk);
                throw new InvalidOperationException($"rd_kafka_mock_cluster_new failed for {brokers} broker(s) (librdkafka at {path}).");
            }

            var mock = new MockCluster(rk, cluster);
            try
            {
                // Group timings for development: a group forms at once and a lost member's partitions move
                // within seconds (the mock's defaults are 3 s, 3 s and 30 s).
                MockApi.GroupInitialRebalanceDelayMs(cluster, 0);
                MockApi.GroupConsumerHeartbeatIntervalMs(cluster, 500);
                MockApi.GroupConsumerSessionTimeoutMs(cluster, 6000);
                mock.Listeners = ParseListeners(Marshal.PtrToStringUTF8(MockApi.ClusterBootstraps(cluster)) ?? "", brokers);
                return mock;
            }
            catch
            {
                mock.Dispose();
                throw;
            }
        }
        catch (EntryPointNotFoundException ex)
        {
            throw new InvalidOperationException(
                $"The librdkafka at {path} lacks a mock cluster function DevBroker needs ({ex.Message}); use the librdkafka.redist that ships with Confluent.Kafka 2.16.", ex);
        }
    }

    public void CreateTopic(string topic, int partitions, int replicationFactor)
    {
        var err = MockApi.TopicCreate(Cluster, topic, partitions, replicationFactor);
        if (err == ErrTopicAlreadyExists)
        {
            throw new InvalidOperationException($"Topic '{topic}' already exists on the DevBroker cluster.");
        }

        Check(err, $"create topic '{topic}' with {partitions} partition(s)");
    }

    public void AdvertiseAs(int brokerId, string host, int port) => MockApi.BrokerSetHostPort(Cluster, brokerId, host, port);

    public void SetDown(int brokerId) => Check(MockApi.BrokerSetDown(Cluster, brokerId), $"set broker {brokerId} down");

    public void SetUp(int brokerId) => Check(MockApi.BrokerSetUp(Cluster, brokerId), $"set broker {brokerId} up");

    public void SetPartitionLeader(string topic, int partition, int brokerId) =>
        Check(MockApi.PartitionSetLeader(Cluster, topic, partition, brokerId), $"set the leader of '{topic}' [{partition}] to {brokerId}");

    public void PushRequestErrors(short apiKey, int[] errors) => MockApi.PushRequestErrorsArray(Cluster, apiKey, (nuint)errors.Length, errors);

    public void Dispose()
    {
        var cluster = Interlocked.Exchange(ref _cluster, IntPtr.Zero);
        if (cluster != IntPtr.Zero)
        {
            MockApi.ClusterDestroy(cluster);
        }

        var rk = Interlocked.Exchange(ref _rk, IntPtr.Zero);
        if (rk != IntPtr.Zero)
        {
            MockApi.Destroy(rk);
        }
    }

    private IntPtr Cluster => _cluster != IntPtr.Zero ? _cluster : throw new ObjectDisposedException(nameof(MockCluster));

    private static IntPtr NewHandle()
    {
        var errstr = new byte[512];
        var conf = MockApi.ConfNew();
        // log_level 4 (warning) hides the notice that this handle has no bootstrap.servers; it never connects anywhere.
        foreach (var (name, value) in new[] { ("client.id", "devbroker"), ("log_level", "4") })
        {
            if (MockApi.ConfSet(conf, name, value, errstr, (nuint)errstr.Length) != MockApi.ConfOk)
            {
                MockApi.ConfDestroy(conf);
                throw new InvalidOperationException($"rd_kafka_conf_set {name} failed: {Text(errstr)}");
            }
        }

        // rd_kafka_new takes ownership of conf only when it succeeds.
        var rk = MockApi.New(MockApi.ProducerType, conf, errstr, (nuint)errstr.Length);
        if (rk == IntPtr.Zero)
        {
            MockApi.ConfDestroy(conf);
            throw new InvalidOperationException($"rd_kafka_new failed: {Text(errstr)}");
        }

        return rk;
    }

    private static IReadOnlyList<IPEndPoint> ParseListeners(string bootstraps, int brokers)
    {
        var listeners = bootstraps.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(address => IPEndPoint.TryParse(address, out var endpoint)
                ? endpoint
                : throw new InvalidOperationException($"Unexpected mock broker address '{address}' in '{bootstraps}'."))
            .ToArray();
        return listeners.Length == brokers
            ? listeners
            : throw new InvalidOperationException($"The mock cluster reported {listeners.Length} listener(s) for {brokers} broker(s): '{bootstraps}'.");
    }

    private static void Check(int err, string what)
    {
        if (err != 0)
        {
            throw new InvalidOperationException($"DevBroker could not {what}: {MockApi.ErrorText(err)} ({err}).");
        }
    }

    private static string Text(byte[] errstr) => Encoding.UTF8.GetString(errstr, 0, Array.IndexOf(errstr, (byte)0) is var end and >= 0 ? end : errstr.Length);
}
