using Microsoft.Extensions.DependencyInjection;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;

namespace Platform.Onboarding.Tests;

/// <summary>Onboarding in memory on real PostgreSQL (a database of its own), Redis and DevBroker.</summary>
public static class OnboardingHost
{
    public static Task<ServiceFactory<OnboardingDbContext>> StartAsync(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) =>
        StartAsync(postgres.Server.NewDatabaseConnectionString("onboarding"), redis.Server.ConnectionString, broker.BootstrapServers);

    /// <summary>A replica on a given database, optionally with a clock of the test's own (and other overrides).</summary>
    public static Task<ServiceFactory<OnboardingDbContext>> StartAsync(string database, string redis, string kafka,
        TimeProvider? clock = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        ServiceHosts.StartAsync<OnboardingDbContext>(OnboardingExtensions.DatabaseName, database, redis, kafka, clock, settings, services);
}
