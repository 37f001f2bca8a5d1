extern alias ContentApp;

using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;
using ContentDbContext = ContentApp::Platform.Content.ContentDbContext;
using ContentExtensions = ContentApp::Platform.Content.ContentExtensions;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>
/// The gateway in front of the real Content, in memory, on real PostgreSQL, Redis and a DevBroker of its own (the way
/// <see cref="RealServicesFixture"/> hosts Onboarding and Tiering): the test publishes the other services' events
/// Content builds its profiles from, and reads what clients see through the gateway.
/// </summary>
public sealed class ContentServicesFixture : IAsyncLifetime
{
    private const string ContentHost = "content.test";

    private PostgresServer? postgres;
    private RedisServer? redis;
    private readonly DevBrokerFixture broker = new();
    private ServiceFactory<ContentDbContext>? content;
    private GatewayFactory? gateway;

    public GatewayFactory Gateway => gateway ?? throw new InvalidOperationException("Not started.");

    public ServiceFactory<ContentDbContext> Content => content ?? throw new InvalidOperationException("Not started.");

    public string Kafka => broker.BootstrapServers;

    public async ValueTask InitializeAsync()
    {
        postgres = await PostgresServer.StartAsync();
        redis = await RedisServer.StartAsync();
        await broker.InitializeAsync();
        content = await ServiceHosts.StartAsync<ContentDbContext>(ContentExtensions.DatabaseName, postgres.NewDatabaseConnectionString("content"),
            redis.ConnectionString, broker.BootstrapServers);

        // No Onboarding behind this gateway: its address is one where nothing listens.
        var settings = GatewayFactory.DefaultSettings(new Uri(ClosedPorts.Address()));
        settings[GatewayFactory.ContentAddressKey] = $"http://{ContentHost}";
        // Content checks the caller's token the gateway forwards: the gateway signs with its key.
        settings["Gateway:Auth:DevSigningKey"] = Platform.TestSupport.Auth.TestTokens.SigningKey;
        gateway = GatewayFactory.InFrontOf(settings, new Dictionary<string, Microsoft.AspNetCore.TestHost.TestServer> { [ContentHost] = content.Server });
    }

    public async ValueTask DisposeAsync()
    {
        if (gateway is not null)
        {
            await gateway.DisposeAsync();
        }

        if (content is not null)
        {
            await content.DisposeAsync();
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
