extern alias OnboardingApp;
extern alias TieringApp;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Time.Testing;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;
using BackfillWorker = OnboardingApp::Platform.Onboarding.Backfill.BackfillWorker;
using OnboardingDbContext = OnboardingApp::Platform.Onboarding.OnboardingDbContext;
using OnboardingExtensions = OnboardingApp::Platform.Onboarding.OnboardingExtensions;
using TieringDbContext = TieringApp::Platform.Tiering.TieringDbContext;
using TieringExtensions = TieringApp::Platform.Tiering.TieringExtensions;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>
/// The gateway in front of the real Onboarding and Tiering, in memory, each on a PostgreSQL database of its own
/// (one server), one Redis and a DevBroker of its own. Separate brokers keep Onboarding's events away from
/// Tiering's consumers, and Onboarding's timers and Tiering's sweep poll hourly: while a test runs, only its requests change the
/// databases (see <see cref="DatabaseState"/>). Tiering knows the fuzz client and a benefit it may redeem (<see cref="TieringSeed"/>).
/// </summary>
public sealed class RealServicesFixture : IAsyncLifetime
{
    private const string OnboardingHost = "onboarding.test";
    private const string TieringHost = "tiering.test";

    private PostgresServer? postgres;
    private RedisServer? redis;
    private readonly DevBrokerFixture onboardingBroker = new();
    private readonly DevBrokerFixture tieringBroker = new();
    private ServiceFactory<OnboardingDbContext>? onboarding;
    private ServiceFactory<TieringDbContext>? tiering;
    private GatewayFactory? gateway;

    public GatewayFactory Gateway => gateway ?? throw new InvalidOperationException("Not started.");

    /// <summary>Onboarding's and Tiering's connection strings.</summary>
    public IReadOnlyList<string> Databases { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        postgres = await PostgresServer.StartAsync();
        redis = await RedisServer.StartAsync();
        await onboardingBroker.InitializeAsync();
        await tieringBroker.InitializeAsync();
        var (onboardingDatabase, tieringDatabase) = (postgres.NewDatabaseConnectionString("onboarding"), postgres.NewDatabaseConnectionString("tiering"));
        Databases = [onboardingDatabase, tieringDatabase];
        var starting = ServiceHosts.StartAsync<OnboardingDbContext>(OnboardingExtensions.DatabaseName, onboardingDatabase, redis.ConnectionString,
            onboardingBroker.BootstrapServers, settings: new Dictionary<string, string?> { ["Onboarding:Timers:PollInterval"] = "01:00:00" });
        // Tiering's sweep would recalculate the seeded client when a pass's table edit makes it due: only at start here.
        tiering = await ServiceHosts.StartAsync<TieringDbContext>(TieringExtensions.DatabaseName, tieringDatabase, redis.ConnectionString,
            tieringBroker.BootstrapServers, settings: new Dictionary<string, string?> { ["Tiering:Sweep:PollInterval"] = "01:00:00" });
        onboarding = await starting;
        // Onboarding's start-up backfill records its completion (a row of backfills) once: before any test reads the databases.
        await onboarding.Services.GetServices<IHostedService>().OfType<BackfillWorker>().Single().ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(60));

        var settings = GatewayFactory.DefaultSettings(new Uri($"http://{OnboardingHost}"));
        settings[GatewayFactory.TieringAddressKey] = $"http://{TieringHost}";
        // Not a warning per refused request: the fuzz pass sends a thousand.
        settings["Logging:LogLevel:Default"] = "Error";
        // The services check the caller's token the gateway forwards: the gateway signs with their key.
        settings["Gateway:Auth:DevSigningKey"] = Platform.TestSupport.Auth.TestTokens.SigningKey;
        var servers = new Dictionary<string, Microsoft.AspNetCore.TestHost.TestServer> { [OnboardingHost] = onboarding.Server, [TieringHost] = tiering.Server };
        gateway = new GatewayFactory(settings, new FakeTimeProvider(DateTimeOffset.UtcNow), services =>
            // Added last, so it replaces the primary handler gRPC's client factory sets; a new one per handler chain built.
            services.ConfigureAll<HttpClientFactoryOptions>(options =>
                options.HttpMessageHandlerBuilderActions.Add(handlers => handlers.PrimaryHandler = new InMemoryServices(servers))));
        await TieringSeed.SeedAsync(gateway, tieringBroker.BootstrapServers, tieringDatabase);
    }

    public async ValueTask DisposeAsync()
    {
        if (gateway is not null)
        {
            await gateway.DisposeAsync();
        }

        if (onboarding is not null)
        {
            await onboarding.DisposeAsync();
        }

        if (tiering is not null)
        {
            await tiering.DisposeAsync();
        }

        await onboardingBroker.DisposeAsync();
        await tieringBroker.DisposeAsync();
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
