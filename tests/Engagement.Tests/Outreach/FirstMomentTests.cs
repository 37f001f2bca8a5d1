using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Engagement.Lifecycle;
using Platform.Engagement.Tests.Lifecycle;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using static Platform.Engagement.Tests.Lifecycle.LifecycleEvents;

namespace Platform.Engagement.Tests.Outreach;

/// <summary>
/// M06 (first deposit) and M08 (first trade or purchase) on the real consumer and database: a client whose lifecycle state
/// says it deposited and invested a year ago (Engagement deployed onto an existing brokerage, or its state restored) gets
/// neither on its next deposit and trade; a new client gets one of each.
/// </summary>
public sealed class FirstMomentTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AClientThatDepositedAndTradedAYearAgoGetsNoFirstMomentsAndANewClientGetsOneOfEach()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var service = await LifecycleHost.StartAsync(postgres, redis, broker, new FakeTimeProvider(Now));
        var lifecycle = new LifecycleDriver(service, broker.BootstrapServers);
        var (existing, newcomer) = (LifecycleDriver.NewClientId(), LifecycleDriver.NewClientId());
        var yearAgo = Now.AddYears(-1);
        using (var scope = service.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
            db.ClientStates.Add(new ClientState
            {
                ClientId = existing, RegisteredAt = yearAgo.AddDays(-2), ApprovedAt = yearAgo.AddDays(-1), FirstDepositAt = yearAgo,
                FirstInvestmentAt = yearAgo.AddHours(1), LastInvestmentAt = yearAgo.AddHours(1), Investments = 1,
            });
            await db.SaveChangesAsync(ct);
        }

        var again = await lifecycle.PublishAsync(existing, Deposit(Now.AddHours(-3), 5_000m), Trade(Now.AddHours(-2), 1_000m), Trade(Now.AddHours(-1), 2_000m));
        var first = await lifecycle.PublishAsync(newcomer, Approved(Now.AddDays(-1)), Deposit(Now.AddHours(-3), 5_000m), Deposit(Now.AddHours(-2), 6_000m),
            Trade(Now.AddHours(-1), 1_000m), Trade(Now.AddMinutes(-30), 2_000m));
        await lifecycle.WaitUntilHandledAsync([.. again, .. first]);

        Assert.Empty(await MomentsAsync(service, existing));
        Assert.Equal([("M06", first[1].EventId), ("M08", first[3].EventId)], await MomentsAsync(service, newcomer));
    }

    private static async Task<List<(string Moment, Guid? Trigger)>> MomentsAsync(TestSupport.Services.ServiceFactory<EngagementDbContext> service, string clientId)
    {
        using var scope = service.Services.CreateScope();
        var found = await scope.ServiceProvider.GetRequiredService<EngagementDbContext>().OutreachInstances.AsNoTracking()
            .Where(i => i.ClientId == clientId && (i.Moment == "M06" || i.Moment == "M08")).OrderBy(i => i.Moment)
            .Select(i => new { i.Moment, i.TriggerEventId }).ToListAsync();
        return [.. found.Select(i => (i.Moment, i.TriggerEventId))];
    }
}
