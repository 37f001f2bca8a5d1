using Microsoft.Extensions.Logging;

namespace Platform.DevBroker.Hosting;

internal static partial class DevBrokerLog
{
    [LoggerMessage(1, LogLevel.Information, "DevBroker ready: bootstrap servers {BootstrapServers} ({Brokers} broker(s), {Partitions} partitions per topic)")]
    public static partial void Ready(ILogger logger, string bootstrapServers, int brokers, int partitions);

    [LoggerMessage(2, LogLevel.Information, "Topics: {Topics}")]
    public static partial void TopicsCreated(ILogger logger, string topics);

    [LoggerMessage(3, LogLevel.Warning, "Limit: {Limit}")]
    public static partial void Limit(ILogger logger, string limit);

    [LoggerMessage(4, LogLevel.Information, "Bootstrap address written to {BootstrapFile}")]
    public static partial void BootstrapFileWritten(ILogger logger, string bootstrapFile);

    [LoggerMessage(5, LogLevel.Information, "DevBroker stopped; all topics and messages are gone")]
    public static partial void Stopped(ILogger logger);
}
