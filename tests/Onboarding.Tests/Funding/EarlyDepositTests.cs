using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Messaging.Envelope;
using Platform.Onboarding.Events;
using Platform.Onboarding.Stalls;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;

namespace Platform.Onboarding.Tests.Funding;

/// <summary>A deposit the core system reports before the approval is recorded (they travel different paths).</summary>
public sealed class EarlyDepositTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ADepositBeforeTheApprovalFundsTheAccountAsItOpensAndItNeverTurnsDormant()
    {
        var clock = new FakeTimeProvider(T0);
        await using var service = await OnboardingHost.StartAsync(
            postgres.Server.NewDatabaseConnectionString("deposits"), redis.Server.ConnectionString, broker.BootstrapServers, clock);
        var onboarding = new OnboardingDriver(service, broker.BootstrapServers);
        var (early, withoutDeposit) = (OnboardingDriver.NewClientId(), OnboardingDriver.NewClientId());
        foreach (var client in new[] { early, withoutDeposit })
        {
            await onboarding.StepsThroughAsync(client, "submitted", T0.AddHours(-1));
        }

        await onboarding.HandledAsync(await onboarding.DepositAsync(early, T0.AddMinutes(-10)));
        await onboarding.HandledAsync(await onboarding.DepositAsync(early, T0.AddMinutes(-5)));
        Assert.Equal("submitted", (await onboarding.ProgressAsync(early)).Status);

        await onboarding.StepAsync(early, "approved", T0);
        await onboarding.StepAsync(withoutDeposit, "approved", T0);
        Assert.Equal("funded", (await onboarding.ProgressAsync(early)).Status);
        Assert.Empty(await TimersAsync(service, early));

        // The dormant window closes: the client without a deposit turns dormant, which shows the timers fired.
        clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromHours(1));
        await onboarding.EventsOnFakeTimeAsync(withoutDeposit, nameof(AccountDormant), 1, clock);
        var all = await onboarding.EverythingPublishedForAsync(early);
        var funded = AccountFunded.Parser.ParseFrom(Assert.Single(all, m => m.Header(EnvelopeHeaders.EventType) == nameof(AccountFunded)).Value);
        Assert.Equal((T0, T0), (funded.ApprovedAt.ToDateTimeOffset(), funded.FundedAt.ToDateTimeOffset()));
        Assert.DoesNotContain(all, m => m.Header(EnvelopeHeaders.EventType) == nameof(AccountDormant));
        Assert.Equal("funded", (await onboarding.ProgressAsync(early)).Status);
    }

    [Fact]
    public async Task ADepositOfAClientWithoutAFunnelIsKeptOnlyUntilItsRetentionEnds()
    {
        var clock = new FakeTimeProvider(T0);
        await using var service = await OnboardingHost.StartAsync(
            postgres.Server.NewDatabaseConnectionString("deposits"), redis.Server.ConnectionString, broker.BootstrapServers, clock);
        var onboarding = new OnboardingDriver(service, broker.BootstrapServers);
        var (old, recent) = (OnboardingDriver.NewClientId(), OnboardingDriver.NewClientId());
        // An existing customer's deposit, or one that came before anything else of a new client: either is kept, for a while.
        await onboarding.HandledAsync(await onboarding.DepositAsync(old, T0.AddMinutes(-1)));
        clock.Advance(TimeSpan.FromDays(60));
        await onboarding.HandledAsync(await onboarding.DepositAsync(recent, clock.GetUtcNow()));
        Assert.Equal(new[] { old, recent }.Order(StringComparer.Ordinal), (await EarlyDepositsAsync(service)).Order(StringComparer.Ordinal));

        clock.SetUtcNow(T0 + TimeSpan.FromDays(90));
        await TestSupport.Processes.ChildProcess.WaitUntilAsync(async () =>
        {
            clock.Advance(TimeSpan.FromHours(1)); // the sweep's pause, on business time
            return !(await EarlyDepositsAsync(service)).Contains(old);
        }, TimeSpan.FromSeconds(60), "the early deposit past its retention is deleted");

        Assert.Equal([recent], await EarlyDepositsAsync(service));
    }

    private static async Task<List<string>> EarlyDepositsAsync(TestSupport.Services.ServiceFactory<OnboardingDbContext> service)
    {
        await using var scope = service.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OnboardingDbContext>().Set<Onboarding.Funding.EarlyDeposit>()
            .Select(d => d.ClientId).ToListAsync();
    }

    private static async Task<List<TimerKind>> TimersAsync(TestSupport.Services.ServiceFactory<OnboardingDbContext> service, string clientId)
    {
        await using var scope = service.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OnboardingDbContext>().Set<FunnelTimer>()
            .Where(t => t.ClientId == clientId).Select(t => t.Kind).ToListAsync();
    }
}
