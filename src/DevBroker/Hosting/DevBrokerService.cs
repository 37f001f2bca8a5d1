using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.DevBroker.Hosting;

internal sealed class DevBrokerService(IOptions<DevBrokerOptions> options, ILogger<DevBrokerService> logger) : IHostedService, IDisposable
{
    private EmbeddedKafka? _kafka;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        _kafka = EmbeddedKafka.Start(new EmbeddedKafkaOptions
        {
            Port = settings.Port,
            Brokers = settings.Brokers,
            Partitions = settings.Partitions,
        });

        DevBrokerLog.Ready(logger, _kafka.BootstrapServers, settings.Brokers, _kafka.Partitions);
        DevBrokerLog.TopicsCreated(logger, string.Join(", ", _kafka.Topics));
        foreach (var limit in EmbeddedKafka.Limits)
        {
            DevBrokerLog.Limit(logger, limit);
        }

        if (settings.BootstrapFile is { } file)
        {
            WriteAtomically(file, _kafka.BootstrapServers);
            DevBrokerLog.BootstrapFileWritten(logger, file);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (options.Value.BootstrapFile is { } file)
        {
            File.Delete(file);
        }

        Dispose();
        DevBrokerLog.Stopped(logger);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _kafka?.Dispose();
        _kafka = null;
    }

    // Readers poll for the file, so it must never be seen half-written.
    private static void WriteAtomically(string path, string content)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = $"{full}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, content);
        File.Move(temporary, full, overwrite: true);
    }
}
