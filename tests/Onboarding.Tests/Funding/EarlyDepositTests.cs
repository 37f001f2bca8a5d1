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

    private static async Task<List<TimerKind>> TimersAsync(TestSupport.Services.ServiceFactory<OnboardingDbContext> service, string clientId)
    {
        await using var scope = service.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OnboardingDbContext>().Set<FunnelTimer>()
            .Where(t => t.ClientId == clientId).Select(t => t.Kind).ToListAsync();
    }
}
