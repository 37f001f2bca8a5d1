extern alias EngagementApp;

using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;
using Platform.Gateway.Tests.Infrastructure;
using EngagementDbContext = EngagementApp::Platform.Engagement.EngagementDbContext;
using EngagementExtensions = EngagementApp::Platform.Engagement.EngagementExtensions;

namespace Platform.Gateway.Tests.Engagement;

/// <summary>
/// The gateway in front of the real Engagement, in memory, on real PostgreSQL, Redis and a DevBroker of its own (as
/// <see cref="ContentServicesFixture"/> hosts Content). The gateway needs Onboarding's address to start; nothing here calls it.
/// </summary>
public sealed class SettingsServicesFixture : IAsyncLifetime
{
    public const string EngagementAddressKey = "services:engagement:grpc:0";
    private const string EngagementHost = "engagement.test";

    private PostgresServer? postgres;
    private RedisServer? redis;
    private readonly DevBrokerFixture broker = new();
    private ServiceFactory<EngagementDbContext>? engagement;
    private GatewayFactory? gateway;

    public GatewayFactory Gateway => gateway ?? throw new InvalidOperationException("Not started.");

    /// <summary>Engagement's connection string.</summary>
    public string Database { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        postgres = await PostgresServer.StartAsync();
        redis = await RedisServer.StartAsync();
        await broker.InitializeAsync();
        Database = postgres.NewDatabaseConnectionString("engagement");
        engagement = await ServiceHosts.StartAsync<EngagementDbContext>(EngagementExtensions.DatabaseName, Database, redis.ConnectionString,
            broker.BootstrapServers);

        var settings = GatewayFactory.DefaultSettings(new Uri("http://onboarding.test"));
        settings[EngagementAddressKey] = $"http://{EngagementHost}";
        // Engagement checks the caller's token the gateway forwards: the gateway signs with its key.
        settings["Gateway:Auth:DevSigningKey"] = Platform.TestSupport.Auth.TestTokens.SigningKey;
        settings["Logging:LogLevel:Default"] = "Error";
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
