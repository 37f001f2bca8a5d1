extern alias EngagementApp;

using Platform.Gateway.Tests.Infrastructure;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;
using EngagementDbContext = EngagementApp::Platform.Engagement.EngagementDbContext;
using EngagementExtensions = EngagementApp::Platform.Engagement.EngagementExtensions;

namespace Platform.Gateway.Tests.Engagement;

/// <summary>
/// The gateway in front of the real Engagement, in memory, on real PostgreSQL (a database of its own), Redis and a
/// DevBroker of its own (the way <see cref="ContentServicesFixture"/> hosts Content): the rule routes end to end.
/// </summary>
public sealed class RuleServicesFixture : IAsyncLifetime
{
    private const string EngagementHost = "engagement.test";

    private PostgresServer? postgres;
    private RedisServer? redis;
    private readonly DevBrokerFixture broker = new();
    private ServiceFactory<EngagementDbContext>? engagement;
    private GatewayFactory? gateway;

    public GatewayFactory Gateway => gateway ?? throw new InvalidOperationException("Not started.");

    public ServiceFactory<EngagementDbContext> Engagement => engagement ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        postgres = await PostgresServer.StartAsync();
        redis = await RedisServer.StartAsync();
        await broker.InitializeAsync();
        engagement = await ServiceHosts.StartAsync<EngagementDbContext>(EngagementExtensions.DatabaseName, postgres.NewDatabaseConnectionString("engagement"),
            redis.ConnectionString, broker.BootstrapServers);

        // Onboarding is not called by these routes: its address is a closed port.
        var settings = GatewayFactory.DefaultSettings(new Uri("http://onboarding.test"));
        settings["services:engagement:grpc:0"] = $"http://{EngagementHost}";
        // The service checks the caller's token the gateway forwards: the gateway signs with its key.
        settings["Gateway:Auth:DevSigningKey"] = Platform.TestSupport.Auth.TestTokens.SigningKey;
        gateway = GatewayFactory.InFrontOf(settings, new Dictionary<string, Microsoft.AspNetCore.TestHost.TestServer> { [EngagementHost] = engagement.Server });
    }

    public async ValueTask DisposeAsync()
    {
        if (gateway is not null)
        {
            await gateway.DisposeAsync();
        }

        if (engagement is not null)
        {
            await engagement.DisposeAsync();
        }

        await broker.DisposeAsync();
        if (redis is not null)
        {
            await redis.DisposeAsync();
        }

        if (postgres is not null)
        {
            await postgres.DisposeAsync();
        }
    }
}
