using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Messaging.Producing;

/// <summary>
/// Readiness: a metadata request with a short deadline. It neither produces (no health topic
/// to create) nor depends on admin APIs that DevBroker cannot promise.
/// </summary>
internal sealed class KafkaHealthCheck(SharedProducer producer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.Run(() =>
        {
            try
            {
                using var admin = new DependentAdminClientBuilder(producer.Producer.Handle).Build();
                var metadata = admin.GetMetadata(TimeSpan.FromSeconds(2));
                return metadata.Brokers.Count > 0
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy("Kafka answered without brokers.");
            }
            catch (KafkaException ex)
            {
                return HealthCheckResult.Unhealthy("Kafka is not reachable.", ex);
            }
        }, cancellationToken);
}
