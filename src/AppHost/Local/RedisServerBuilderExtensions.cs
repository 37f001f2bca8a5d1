using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.AppHost.Local;

internal static class RedisServerBuilderExtensions
{
    /// <summary>
    /// Adds <c>redis-server</c> on a fixed loopback port with its data (append-only file and
    /// snapshots) in <paramref name="dataDir"/>, so that data survives restarts.
    /// <c>WaitFor</c> waits until it answers PING.
    /// </summary>
    public static IResourceBuilder<RedisServerResource> AddRedisServer(
        this IDistributedApplicationBuilder builder, [ResourceName] string name, int port, string dataDir)
    {
        if (builder.ExecutionContext.IsRunMode)
        {
            Directory.CreateDirectory(dataDir);
        }

        var redis = new RedisServerResource(name, dataDir);
        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey, _ => new RedisPingHealthCheck(redis), failureStatus: default, tags: default));

        return builder.AddResource(redis)
            .WithEndpoint(port: port, targetPort: port, name: RedisServerResource.PrimaryEndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(
                "--port", port.ToString(CultureInfo.InvariantCulture),
                "--bind", "127.0.0.1",
                "--dir", dataDir,
                "--daemonize", "no",
                "--appendonly", "yes",
                "--save", "300 1 60 1000")
            .WithIconName("Database")
            .WithHealthCheck(healthCheckKey)
            .ExcludeFromManifest();
    }
}
