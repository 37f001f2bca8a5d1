using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;

namespace Platform.Onboarding.Tests;

/// <summary>Onboarding in memory on real PostgreSQL (a database of its own), Redis and DevBroker.</summary>
public static class OnboardingHost
{
    public static async Task<ServiceFactory<OnboardingDbContext>> StartAsync(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker)
    {
        var factory = new ServiceFactory<OnboardingDbContext>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:onboardingdb"] = postgres.Server.NewDatabaseConnectionString("onboarding"),
            ["ConnectionStrings:redis"] = redis.Server.ConnectionString,
            ["ConnectionStrings:kafka"] = broker.BootstrapServers,
        });
        await factory.WaitUntilHealthyAsync();
        return factory;
    }
}
