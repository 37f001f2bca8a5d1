extern alias ContentApp;
extern alias OnboardingApp;

using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;
using ContentDbContext = ContentApp::Platform.Content.ContentDbContext;
using ContentExtensions = ContentApp::Platform.Content.ContentExtensions;
using OnboardingDbContext = OnboardingApp::Platform.Onboarding.OnboardingDbContext;
using OnboardingExtensions = OnboardingApp::Platform.Onboarding.OnboardingExtensions;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>
/// The gateway in front of the real Content and the real Onboarding, in memory, on real PostgreSQL (a database each),
/// Redis and a DevBroker of their own (the way <see cref="RealServicesFixture"/> hosts Onboarding and Tiering): the
/// test publishes the other services' events Content builds its profiles from, and reads what clients see through
/// the gateway. The two services share the broker as they do in production: Onboarding's steps reach Content's
/// profiles, Content's exposures the funnel report by variant.
/// </summary>
public sealed class ContentServicesFixture : IAsyncLifetime
{
    private const string ContentHost = "content.test";
    private const string OnboardingHost = "onboarding.test";

    private PostgresServer? postgres;
    private RedisServer? redis;
    private readonly DevBrokerFixture broker = new();
    private ServiceFactory<ContentDbContext>? content;
    private ServiceFactory<OnboardingDbContext>? onboarding;
    private GatewayFactory? gateway;

    public GatewayFactory Gateway => gateway ?? throw new InvalidOperationException("Not started.");

    public ServiceFactory<ContentDbContext> Content => content ?? throw new InvalidOperationException("Not started.");

    public string Kafka => broker.BootstrapServers;

    public async ValueTask InitializeAsync()
    {
        postgres = await PostgresServer.StartAsync();
        redis = await RedisServer.StartAsync();
        await broker.InitializeAsync();
        var starting = ServiceHosts.StartAsync<OnboardingDbContext>(OnboardingExtensions.DatabaseName, postgres.NewDatabaseConnectionString("onboarding"),
            redis.ConnectionString, broker.BootstrapServers, settings: new Dictionary<string, string?> { ["Onboarding:Timers:PollInterval"] = "01:00:00" });
        content = await ServiceHosts.StartAsync<ContentDbContext>(ContentExtensions.DatabaseName, postgres.NewDatabaseConnectionString("content"),
            redis.ConnectionString, broker.BootstrapServers);
        onboarding = await starting;

        var settings = GatewayFactory.DefaultSettings(new Uri($"http://{OnboardingHost}"));
        settings[GatewayFactory.ContentAddressKey] = $"http://{ContentHost}";
        // The services check the caller's token the gateway forwards: the gateway signs with their key.
        settings["Gateway:Auth:DevSigningKey"] = Platform.TestSupport.Auth.TestTokens.SigningKey;
        gateway = GatewayFactory.InFrontOf(settings,
            new Dictionary<string, Microsoft.AspNetCore.TestHost.TestServer> { [ContentHost] = content.Server, [OnboardingHost] = onboarding.Server });
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

        if (onboarding is not null)
        {
            await onboarding.DisposeAsync();
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
