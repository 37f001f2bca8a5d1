using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.AppHost.Local;

internal static class PostgresServerBuilderExtensions
{
    /// <summary>
    /// Adds a PostgreSQL server on a fixed loopback port whose cluster lives in
    /// <paramref name="dataDir"/> (created by initdb on first start, kept across restarts).
    /// <c>WaitFor</c> waits until it accepts a connection and answers a query.
    /// </summary>
    public static IResourceBuilder<PostgresServerResource> AddPostgresServer(
        this IDistributedApplicationBuilder builder, [ResourceName] string name, int port, string dataDir)
    {
        // The folder that holds the cluster must not exist yet or be owned by postgres, so the
        // executable starts in its parent, which the app host creates.
        var workingDirectory = Path.GetDirectoryName(dataDir)!;
        if (builder.ExecutionContext.IsRunMode)
        {
            Directory.CreateDirectory(workingDirectory);
        }

        var postgres = new PostgresServerResource(name, workingDirectory);
        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey, _ => new PostgresHealthCheck(postgres), failureStatus: default, tags: default));

        return builder.AddResource(postgres)
            .WithEndpoint(port: port, targetPort: port, name: PostgresServerResource.PrimaryEndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(FindScript(builder), dataDir, port.ToString(CultureInfo.InvariantCulture))
            .WithIconName("Database")
            .WithHealthCheck(healthCheckKey)
            .ExcludeFromManifest();
    }

    /// <summary>
    /// Adds the connection string of one database on <paramref name="server"/>. The database
    /// itself is created by the service that owns it, at start.
    /// </summary>
    public static IResourceBuilder<ConnectionStringResource> AddDatabase(
        this IResourceBuilder<PostgresServerResource> server, [ResourceName] string name, string databaseName) =>
        server.ApplicationBuilder
            .AddConnectionString(name, ReferenceExpression.Create($"{server.Resource};Database={databaseName}"))
            .WithParentRelationship(server)
            .WaitFor(server);

    // postgres.sh is copied next to the app host's assembly; a test host runs the app host from
    // its own output folder, so fall back to the source folder.
    private static string FindScript(IDistributedApplicationBuilder builder) =>
        new[] { AppContext.BaseDirectory, builder.AppHostDirectory }
            .Select(dir => Path.Combine(dir, "Local", "postgres.sh"))
            .FirstOrDefault(File.Exists)
        ?? throw new FileNotFoundException("Local/postgres.sh was not found next to the app host.");
}
