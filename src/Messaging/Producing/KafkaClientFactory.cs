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
    public IProducer<string, byte[]> CreateProducer(string name)
    {
        var config = new ProducerConfig(Settings())
        {
            BootstrapServers = BootstrapServers,
            ClientId = name,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 2,
            MessageTimeoutMs = (int)options.Value.DeliveryTimeout.TotalMilliseconds,
        };
        return new ProducerBuilder<string, byte[]>(config)
            .SetLogHandler((_, message) => LogClient(logger, name, message.Level.ToString(), message.Message))
            .SetErrorHandler((_, error) => LogClientError(logger, name, error.Code.ToString(), error.Reason))
            .Build();
    }

    /// <summary>A consumer that stores offsets only when told to (after the handler committed).</summary>
    public IConsumer<string, byte[]> CreateConsumer(string group, ConsumerOptions consumerOptions)
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

        return new ConsumerBuilder<string, byte[]>(config)
            .SetLogHandler((_, message) => LogClient(logger, group, message.Level.ToString(), message.Message))
            .SetErrorHandler((_, error) => LogClientError(logger, group, error.Code.ToString(), error.Reason))
            .Build();
    }

    private Dictionary<string, string> Settings() => new(options.Value.Kafka);

    [LoggerMessage(100, LogLevel.Debug, "Kafka client {Client} ({Level}): {Message}")]
    private static partial void LogClient(ILogger logger, string client, string level, string message);

    [LoggerMessage(101, LogLevel.Warning, "Kafka client {Client} error {Code}: {Reason}")]
    private static partial void LogClientError(ILogger logger, string client, string code, string reason);
}
