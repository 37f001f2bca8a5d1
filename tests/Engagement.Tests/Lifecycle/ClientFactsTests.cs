using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Engagement.Facts;
using Platform.Engagement.Lifecycle;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using static Platform.Engagement.Tests.Lifecycle.LifecycleEvents;

namespace Platform.Engagement.Tests.Lifecycle;

/// <summary>The client fields rules name, as the decision pipeline reads them for a set of clients.</summary>
public sealed class ClientFactsTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker)
{
    private static readonly DateTimeOffset T0 = LifecycleHost.T0;

    [Fact]
    public async Task TheReaderGivesEachClientsFieldsAtTheTimeAskedAndNoneForAClientItDoesNotKnow()
    {
        await using var service = await LifecycleHost.StartAsync(postgres, redis, broker, new FakeTimeProvider(T0));
        var lifecycle = new LifecycleDriver(service, broker.BootstrapServers);
        var (clientId, unknown) = (LifecycleDriver.NewClientId(), LifecycleDriver.NewClientId());
        var envelopes = await lifecycle.PublishAsync(clientId,
            Registered(T0.AddDays(-41)), Approved(T0.AddDays(-40)), Login(T0.AddDays(-10)), Deposit(T0.AddDays(-39), 100_000m),
            Trade(T0.AddDays(-5), 1_000m), Purchase(T0.AddDays(-2), 2_000m),
            Snapshot(Day(T0.AddDays(-30)), 100_000m, 10_000m, T0.AddDays(-30)), Snapshot(Day(T0.AddDays(-3)), 110_000m, 10_000m, T0.AddDays(-3)),
            Snapshot(Day(T0.AddDays(-2)), 115_000m, 60_000m, T0.AddDays(-2)), Snapshot(Day(T0.AddDays(-1)), 118_000m, 60_000m, T0.AddDays(-1)),
            Snapshot(Day(T0), 120_000m, 60_000m, T0),
            TierChanged("V3", T0.AddDays(-20)), NearNextTier(15_000m, T0.AddDays(-1)));
        await lifecycle.WaitUntilHandledAsync(envelopes);

        using var scope = service.Services.CreateScope();
        var reader = scope.ServiceProvider.GetRequiredService<ClientFactsReader>();
        var facts = await reader.LoadAsync([clientId, unknown], T0, CancellationToken.None);

        Assert.Empty(facts[unknown]);
        Assert.Equal(new Dictionary<string, object?>
        {
            [ClientFields.Stage] = "S4",
            [ClientFields.Tier] = "V3",
            [ClientFields.RegisteredAt] = T0.AddDays(-41),
            [ClientFields.ApprovedAt] = T0.AddDays(-40),
            [ClientFields.FirstDepositAt] = T0.AddDays(-39),
            [ClientFields.FirstInvestmentAt] = T0.AddDays(-5),
            [ClientFields.LastInvestmentAt] = T0.AddDays(-2),
            [ClientFields.LastLoginAt] = T0.AddDays(-10),
            [ClientFields.TotalAssets] = 120_000m,
            [ClientFields.Cash] = 60_000m,
            [ClientFields.IdleCashDays] = 3m,
            [ClientFields.IdleCashSince] = new DateTimeOffset(2026, 11, 21, 16, 0, 0, TimeSpan.Zero), // 22 November 00:00 Shanghai
            [ClientFields.DisengagedAt] = T0.AddDays(20),                                               // 30 days after the last login
            [ClientFields.AssetsChange30d] = 20m,
            [ClientFields.DaysSinceLogin] = 10m,
            [ClientFields.AmountToNextTier] = 15_000m,
            [ClientFields.Investments] = 2m,
            [ClientFields.Erased] = false,
        }, facts[clientId].ToDictionary());
        Assert.All(facts[clientId].Keys, field => Assert.Contains(field, ClientFields.All.Keys));

        // Later, and with the settings' higher threshold: the cash is no longer idle, and 38 days without a login are a churn signal.
        var later = (await reader.LoadAsync([clientId], T0.AddDays(28).AddHours(1), CancellationToken.None, idleCashThreshold: 70_000m))[clientId];
        Assert.Equal(("S6", 0m, 38m), (later[ClientFields.Stage], later[ClientFields.IdleCashDays], later[ClientFields.DaysSinceLogin]));
    }
}
