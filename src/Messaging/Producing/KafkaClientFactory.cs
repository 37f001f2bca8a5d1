using System.Globalization;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Messaging.Producing;

/// <summary>
/// Builds Kafka clients from layered settings: <c>Messaging:Kafka</c>, then
/// <c>ConnectionStrings:kafka</c> for bootstrap servers. librdkafka's log goes to <see cref="ILogger"/>.
/// </summary>
public sealed partial class KafkaClientFactory(IConfiguration configuration, IOptions<MessagingOptions> options, ILoggerFactory loggers)
{
    /// <summary>The connection string name holding bootstrap servers.</summary>
    public const string ConnectionName = "kafka";

    private readonly ILogger logger = loggers.CreateLogger("Platform.Messaging.Kafka");

    /// <summary>Bootstrap servers, or an exception naming the missing setting.</summary>
    public string BootstrapServers =>
        configuration.GetConnectionString(ConnectionName) is { Length: > 0 } fromConnection ? fromConnection
        : options.Value.Kafka.TryGetValue("bootstrap.servers", out var fromSettings) && fromSettings.Length > 0 ? fromSettings
        : throw new InvalidOperationException($"No bootstrap servers configured: set ConnectionStrings:{ConnectionName}.");

    /// <summary>An idempotent producer (acks=all) that waits for delivery up to the configured deadline.</summary>
    /// <param name="name">The client id.</param>
    /// <param name="gapless">
    /// Turn a failed produce request into a fatal producer error instead of letting the partition's
    /// later messages through after it (librdkafka <c>enable.gapless.guarantee</c>): the outbox relay
    /// needs a failed event to stop its client's later events, not be overtaken by them.
    /// </param>
    public IProducer<string, byte[]> CreateProducer(string name, bool gapless = false)
    {
        var config = ProducerConfig(name, idempotent: true);
        // With requests pipelined, a partition's next request is on the wire when the one before it fails,
        // and librdkafka retries it after the failure: the later event lands first. One request at a time per broker
        // connection (not per partition: each request carries the waiting messages of every partition the broker
        // leads) means nothing later is sent once one failed.
        config.EnableGaplessGuarantee = gapless;
        config.MaxInFlight = gapless ? 1 : null;
        if (gapless)
        {
            ReportUnknownTopicsEarly(config);
        }

        return Build(config, name);
    }

    /// <summary>
    /// The outbox relay's second producer, for the heads of blocked streams in its retry rounds: one message per
    /// partition in each produce request, so that what Kafka answers for the request's batch of a partition is about that
    /// one row (Kafka refuses a batch as a whole, and librdkafka reports the refusal on each of its messages). Neither
    /// gapless nor idempotent: it carries one row per (topic, key) at a time, so there is no later row to keep behind a
    /// failed one, and a refused row must not stop or fail the other rows queued behind it. A retry after a lost
    /// answer may write a row twice, with the same event id, which consumers' inboxes skip.
    /// </summary>
    public IProducer<string, byte[]> CreateProbeProducer(string name)
    {
        var config = ProducerConfig(name, idempotent: false);
        config.BatchNumMessages = 1;
        ReportUnknownTopicsEarly(config);
        return Build(config, name);
    }

    /// <summary>A consumer that stores offsets only when told to (after the handler committed).</summary>
    /// <param name="group">The group id.</param>
    /// <param name="consumerOptions">The group's options.</param>
    /// <param name="revoked">Told, on the polling thread inside Consume, of the partitions a rebalance takes away (or that are lost).</param>
    public IConsumer<string, byte[]> CreateConsumer(string group, ConsumerOptions consumerOptions, Action<IReadOnlyList<TopicPartition>>? revoked = null)
    {
        var config = new ConsumerConfig(Settings())
        {
            BootstrapServers = BootstrapServers,
            GroupId = group,
            ClientId = group,
            EnableAutoCommit = true,
            AutoCommitIntervalMs = 1000,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            MaxPollIntervalMs = (int)consumerOptions.MaxPollInterval.TotalMilliseconds,
        };
        if (consumerOptions.GroupProtocol == "consumer")
        {
            config.Set("group.protocol", "consumer");
        }
        else
        {
            config.SessionTimeoutMs = (int)consumerOptions.SessionTimeout.TotalMilliseconds;
            config.HeartbeatIntervalMs = Math.Max(500, (int)consumerOptions.SessionTimeout.TotalMilliseconds / 3);
        }

        var builder = new ConsumerBuilder<string, byte[]>(config)
            .SetLogHandler((_, message) => LogClient(logger, group, message.Level.ToString(), message.Message))
            .SetErrorHandler((_, error) => LogClientError(logger, group, error.Code.ToString(), error.Reason));
        if (revoked is not null)
        {
            // Without a lost handler, the client calls this one for lost partitions too; it still unassigns them itself.
            builder.SetPartitionsRevokedHandler((_, partitions) => revoked(partitions.Select(p => p.TopicPartition).ToList()));
        }

        return builder.Build();
    }

    private ProducerConfig ProducerConfig(string name, bool idempotent) => new(Settings())
    {
        BootstrapServers = BootstrapServers,
        ClientId = name,
        Acks = Acks.All,
        EnableIdempotence = idempotent,
        LingerMs = options.Value.Linger.TotalMilliseconds,
        MessageTimeoutMs = (int)options.Value.DeliveryTimeout.TotalMilliseconds,
    };

    // A topic the cluster does not know fails its messages after this long with UnknownTopic, a verdict on the row,
    // instead of a timeout that cannot be told from Kafka being away (30 s by default, past the delivery timeout).
    private void ReportUnknownTopicsEarly(ProducerConfig config) =>
        config.Set("topic.metadata.propagation.max.ms", ((int)(options.Value.DeliveryTimeout.TotalMilliseconds / 2)).ToString(CultureInfo.InvariantCulture));

    private IProducer<string, byte[]> Build(ProducerConfig config, string name) =>
        new ProducerBuilder<string, byte[]>(config)
            .SetLogHandler((_, message) => LogClient(logger, name, message.Level.ToString(), message.Message))
            .SetErrorHandler((_, error) => LogClientError(logger, name, error.Code.ToString(), error.Reason))
            .Build();

    private Dictionary<string, string> Settings() => new(options.Value.Kafka);

    [LoggerMessage(100, LogLevel.Debug, "Kafka client {Client} ({Level}): {Message}")]
    private static partial void LogClient(ILogger logger, string client, string level, string message);

    [LoggerMessage(101, LogLevel.Warning, "Kafka client {Client} error {Code}: {Reason}")]
    private static partial void LogClientError(ILogger logger, string client, string code, string reason);
}
