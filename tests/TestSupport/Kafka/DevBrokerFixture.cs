using Platform.DevBroker;
using Xunit;

namespace Platform.TestSupport.Kafka;

/// <summary>
/// One in-process DevBroker on free ports, shared by a test collection through
/// <c>ICollectionFixture&lt;DevBrokerFixture&gt;</c>. Free ports keep tests clear of a running
/// platform and of each other; give each test class its own client ids (message keys).
/// </summary>
public sealed class DevBrokerFixture : IAsyncLifetime
{
    private EmbeddedKafka? _kafka;

    public EmbeddedKafka Kafka => _kafka ?? throw new InvalidOperationException("The DevBroker fixture has not been initialized.");

    public string BootstrapServers => Kafka.BootstrapServers;

    public ValueTask InitializeAsync()
    {
        _kafka = EmbeddedKafka.Start(new EmbeddedKafkaOptions { Port = 0 });
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _kafka?.Dispose();
        _kafka = null;
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Reads <paramref name="count"/> matching messages of <paramref name="topic"/> from the beginning; see <see cref="KafkaMessages"/>.
    /// </summary>
    public Task<IReadOnlyList<ConsumedMessage>> ConsumeAsync(
        string topic, int count, TimeSpan timeout, Func<ConsumedMessage, bool>? where = null, CancellationToken cancellationToken = default) =>
        KafkaMessages.ConsumeAsync(BootstrapServers, topic, count, timeout, where, cancellationToken);
}
