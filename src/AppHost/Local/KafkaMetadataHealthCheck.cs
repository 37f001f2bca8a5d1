using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.AppHost.Local;

/// <summary>
/// Healthy when the broker answers a metadata request within three seconds. Unlike
/// HealthChecks.Kafka it produces nothing and needs no topic.
/// </summary>
internal sealed class KafkaMetadataHealthCheck(IResourceWithConnectionString kafka) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var config = new AdminClientConfig
            {
                BootstrapServers = await kafka.GetConnectionStringAsync(cancellationToken).ConfigureAwait(false),
                SocketTimeoutMs = (int)Timeout.TotalMilliseconds,
            };
            // librdkafka logs every refused connection; while the broker starts that is expected.
            using var admin = new AdminClientBuilder(config).SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();
            var metadata = await Task.Run(() => admin.GetMetadata(Timeout), cancellationToken).ConfigureAwait(false);
            return metadata.Brokers.Count > 0
                ? HealthCheckResult.Healthy($"{metadata.Brokers.Count} broker(s), {metadata.Topics.Count} topic(s)")
                : new HealthCheckResult(context.Registration.FailureStatus, "The metadata lists no broker");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Kafka does not answer a metadata request", ex);
        }
    }
}
