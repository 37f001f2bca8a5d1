using Platform.AppHost;
using Platform.AppHost.Local;

var builder = DistributedApplication.CreateBuilder(args);
var platform = PlatformSettings.From(builder);

// Infrastructure: from the OS and src/DevBroker in local mode, connection strings in external mode.
// Services read only connection strings and never know the mode.
IResourceBuilder<IResourceWithConnectionString> kafka, redis;
IResourceBuilder<PostgresServerResource>? postgres = null;
if (platform.IsLocal)
{
    kafka = builder.AddDevBroker("kafka", platform.Ports.Kafka);
    redis = builder.AddRedisServer("redis", platform.Ports.Redis, Path.Combine(platform.DataDir, "redis"));
    postgres = builder.AddPostgresServer("postgres", platform.Ports.Postgres, Path.Combine(platform.DataDir, "postgres"));
}
else
{
    kafka = builder.AddConnectionString("kafka");
    redis = builder.AddConnectionString("redis");
}

IResourceBuilder<IResourceWithConnectionString> Database(string service) => postgres is null
    ? builder.AddConnectionString($"{service}db")
    : postgres.AddDatabase($"{service}db", databaseName: service);

// Outside local mode the gateway and the services trust the brokerage's identity provider.
var authAuthority = platform.IsLocal ? null : builder.AddParameter("gateway-auth-authority");
var authAudience = platform.IsLocal ? null : builder.AddParameter("gateway-auth-audience");

// Each service owns its database (it creates it at start) and listens on a gRPC and a health endpoint.
IResourceBuilder<ProjectResource> AddService<TProject>(string name) where TProject : IProjectMetadata, new()
{
    var db = Database(name);
    var service = builder.AddProject<TProject>(name)
        .WithReference(kafka).WaitFor(kafka)
        .WithReference(redis).WaitFor(redis)
        .WithReference(db).WaitFor(db)
        .WithServicePorts(platform.DynamicServicePorts)
        .WithHttpHealthCheck("/health", endpointName: "health");

    // Services authenticate every caller with the gateway's own token validation settings.
    if (platform.IsLocal)
    {
        // DevBroker serves the KIP-848 group protocol: rebalances take under a second instead of ~12 s.
        // Dev tokens are accepted only in the Development environment, which local mode is.
        return service
            .WithEnvironment("Messaging__Consumer__GroupProtocol", "consumer")
            .WithEnvironment("DOTNET_ENVIRONMENT", "Development")
            .WithEnvironment("Platform__Auth__DevSigningKey", LocalDevelopment.GatewaySigningKey);
    }

    return service
        .WithEnvironment("Platform__Auth__Authority", authAuthority!)
        .WithEnvironment("Platform__Auth__Audience", authAudience!);
}

var onboarding = AddService<Projects.Onboarding>("onboarding");
var tiering = AddService<Projects.Tiering>("tiering");
var engagement = AddService<Projects.Engagement>("engagement");
var content = AddService<Projects.Content>("content");
// Engagement asks Content for each outreach's words (SelectContent), found as "content" by service discovery.
engagement.WithReference(content).WaitFor(content);

var gateway = builder.AddProject<Projects.Gateway>("gateway")
    .WithFixedHttpEndpoint(platform.Ports.Gateway)
    .WithReference(kafka).WaitFor(kafka)
    .WithReference(onboarding).WaitFor(onboarding)
    .WithReference(tiering).WaitFor(tiering)
    .WithReference(engagement).WaitFor(engagement)
    .WithReference(content).WaitFor(content)
    .WithHttpHealthCheck("/health", endpointName: "http");

if (platform.IsLocal)
{
    // The gateway accepts dev tokens only in environment Development (it refuses to start otherwise).
    gateway
        .WithEnvironment("DOTNET_ENVIRONMENT", "Development")
        .WithEnvironment("Gateway__DevTokens", "true")
        .WithEnvironment("Gateway__Auth__DevSigningKey", LocalDevelopment.GatewaySigningKey);
}
else
{
    // Outside local mode the gateway trusts the brokerage's identity provider (Parameters:gateway-auth-authority, -audience).
    gateway
        .WithEnvironment("Gateway__Auth__Authority", authAuthority!)
        .WithEnvironment("Gateway__Auth__Audience", authAudience!);
}

// On Ctrl-C: the gateway first, then the services, then the infrastructure they use.
builder.StopFirst([gateway], [onboarding, tiering, engagement, content]);

builder.Build().Run();
