using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.AppHost.Local;

internal static class DevBrokerBuilderExtensions
{
    /// <summary>
    /// Adds src/DevBroker (the embedded Kafka-protocol broker) as a project resource named
    /// <c>devbroker</c> on a fixed loopback port, and the connection string
    /// <paramref name="name"/> (its bootstrap servers, <c>127.0.0.1:&lt;port&gt;</c>) for
    /// services to reference. The connection string becomes available only once the broker
    /// answers a metadata request, so <c>WaitFor</c> on either means "answering".
    /// </summary>
    public static IResourceBuilder<ConnectionStringResource> AddDevBroker(
        this IDistributedApplicationBuilder builder, [ResourceName] string name, int port)
    {
        var broker = builder.AddProject<Projects.DevBroker>("devbroker")
            .WithEndpoint(port: port, targetPort: port, name: "tcp", scheme: "tcp", isProxied: false)
            .WithEnvironment("DevBroker__Port", port.ToString(CultureInfo.InvariantCulture))
            .ExcludeFromManifest();

        var endpoint = broker.GetEndpoint("tcp");
        var kafka = builder.AddConnectionString(name, ReferenceExpression.Create(
            $"{endpoint.Property(EndpointProperty.IPV4Host)}:{endpoint.Property(EndpointProperty.Port)}"));

        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey, _ => new KafkaMetadataHealthCheck(kafka.Resource), failureStatus: default, tags: default));
        broker.WithHealthCheck(healthCheckKey);

        return kafka.WithParentRelationship(broker).WaitFor(broker);
    }
}
