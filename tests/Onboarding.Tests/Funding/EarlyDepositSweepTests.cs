using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Onboarding.Funding;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;

namespace Platform.Onboarding.Tests.Funding;

/// <summary>Deposits kept for an approval that may still come, but not forever (review finding 9).</summary>
public sealed class EarlyDepositSweepTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ADepositOfAClientWithoutAFunnelIsKeptOnlyUntilItsRetentionEnds()
    {
        var clock = new FakeTimeProvider(T0);
        await using var service = await OnboardingHost.StartAsync(
            postgres.Server.NewDatabaseConnectionString("sweep"), redis.Server.ConnectionString, broker.BootstrapServers, clock);
        var onboarding = new OnboardingDriver(service, broker.BootstrapServers);
        var (old, recent) = (OnboardingDriver.NewClientId(), OnboardingDriver.NewClientId());
        // An existing customer's deposit, or one that came before anything else of a new client: either is kept, for a while.
        await onboarding.HandledAsync(await onboarding.DepositAsync(old, T0.AddMinutes(-1)));
        clock.Advance(TimeSpan.FromDays(60));
        await onboarding.HandledAsync(await onboarding.DepositAsync(recent, clock.GetUtcNow()));
        string[] clients = [old, recent];
        Assert.Equal(clients.Order(StringComparer.Ordinal), (await EarlyDepositsAsync(service, clients)).Order(StringComparer.Ordinal));

        clock.SetUtcNow(T0 + TimeSpan.FromDays(90));
        await TestSupport.Processes.ChildProcess.WaitUntilAsync(async () =>
        {
            clock.Advance(TimeSpan.FromHours(1)); // the sweep's pause, on business time
            return !(await EarlyDepositsAsync(service, clients)).Contains(old);
        }, TimeSpan.FromSeconds(60), "the early deposit past its retention is deleted");

        Assert.Equal([recent], await EarlyDepositsAsync(service, clients));
    }

    /// <summary>The clients' early deposits (the activity topic is shared: other tests' deposits land here too).</summary>
    private static async Task<List<string>> EarlyDepositsAsync(TestSupport.Services.ServiceFactory<OnboardingDbContext> service, string[] clients)
    {
        await using var scope = service.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OnboardingDbContext>().Set<EarlyDeposit>()
            .Where(d => clients.Contains(d.ClientId)).Select(d => d.ClientId).ToListAsync();
    }
}
