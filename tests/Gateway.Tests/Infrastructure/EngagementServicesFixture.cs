extern alias EngagementApp;

using Microsoft.Extensions.DependencyInjection;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;
using EngagementDbContext = EngagementApp::Platform.Engagement.EngagementDbContext;
using EngagementExtensions = EngagementApp::Platform.Engagement.EngagementExtensions;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>
/// The gateway in front of the real Engagement, in memory, on real PostgreSQL, Redis and a DevBroker of their own, for
/// the tests of Engagement's routes: what the gateway answers is what Engagement decided, roles and values included.
/// </summary>
public sealed class EngagementServicesFixture : IAsyncLifetime
{
    private const string EngagementHost = "engagement.test";

    private PostgresServer? postgres;
    private RedisServer? redis;
    private readonly DevBrokerFixture broker = new();
    private ServiceFactory<EngagementDbContext>? engagement;
    private GatewayFactory? gateway;

    public GatewayFactory Gateway => gateway ?? throw new InvalidOperationException("Not started.");

    public ServiceFactory<EngagementDbContext> Engagement => engagement ?? throw new InvalidOperationException("Not started.");

    public string Kafka => broker.BootstrapServers;

    /// <summary>Runs <paramref name="work"/> on Engagement's database (to put there what the decision pipeline would have).</summary>
    public async Task WithDbAsync(Func<EngagementDbContext, Task> work)
    {
        using var scope = Engagement.Services.CreateScope();
        await work(scope.ServiceProvider.GetRequiredService<EngagementDbContext>());
    }

    public async ValueTask InitializeAsync()
    {
        postgres = await PostgresServer.StartAsync();
        redis = await RedisServer.StartAsync();
        await broker.InitializeAsync();
        engagement = await ServiceHosts.StartAsync<EngagementDbContext>(EngagementExtensions.DatabaseName, postgres.NewDatabaseConnectionString("engagement"),
            redis.ConnectionString, broker.BootstrapServers);

        var settings = GatewayFactory.DefaultSettings(new Uri("http://onboarding.test"));
        settings[GatewayFactory.EngagementAddressKey] = $"http://{EngagementHost}";
        // The services check the caller's token the gateway forwards: the gateway signs with their key.
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
