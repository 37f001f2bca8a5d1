using Microsoft.Extensions.Time.Testing;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using static Platform.Engagement.Tests.Lifecycle.LifecycleEvents;

namespace Platform.Engagement.Tests.Lifecycle;

/// <summary>Each stage an event brings, and each one time alone brings, published once on engagement.events with its reason.</summary>
public sealed class StageTransitionTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker)
{
    private static readonly DateTimeOffset T0 = LifecycleHost.T0;

    [Fact]
    public async Task EachStageAnEventBringsIsStoredAndPublishedOnceWithItsReason()
    {
        var clock = new FakeTimeProvider(T0);
        await using var service = await LifecycleHost.StartAsync(postgres, redis, broker, clock);
        var lifecycle = new LifecycleDriver(service, broker.BootstrapServers);
        var clientId = LifecycleDriver.NewClientId();
        await lifecycle.RememberOutboxAsync();

        await lifecycle.PublishAsync(clientId, Registered(T0.AddDays(-10)));
        await lifecycle.WaitForStageAsync(clientId, "S1");
        await lifecycle.PublishAsync(clientId, Approved(T0.AddDays(-9)));
        await lifecycle.WaitForStageAsync(clientId, "S2");
        await lifecycle.PublishAsync(clientId, Deposit(T0.AddDays(-8), 20_000m));
        await lifecycle.WaitForStageAsync(clientId, "S3");
        await lifecycle.PublishAsync(clientId, Login(T0.AddHours(-3)), Trade(T0.AddDays(-2), 5_000m), Snapshot(Day(T0.AddDays(-20)), 100_000m, 10_000m, T0.AddDays(-20)));
        await lifecycle.WaitForStageAsync(clientId, "S4");
        // Halved within 30 days: a churn signal stands.
        await lifecycle.PublishAsync(clientId, Snapshot(Day(T0.AddDays(-1)), 40_000m, 10_000m, T0.AddDays(-1)));
        await lifecycle.WaitForStageAsync(clientId, "S6");
        // Back to 90% of what it was: the signal no longer stands.
        await lifecycle.PublishAsync(clientId, Snapshot(Day(T0), 90_000m, 10_000m, T0));
        var state = await lifecycle.WaitForStageAsync(clientId, "S4");

        Assert.Equal(
            [("", "S1", "registered"), ("S1", "S2", "approved"), ("S2", "S3", "funded"), ("S3", "S4", "invested"), ("S4", "S6", "churn_signal"), ("S6", "S4", "churn_cleared")],
            await lifecycle.StageChangesAsync(clientId));
        Assert.Equal((T0.AddDays(-10), T0.AddDays(-9), T0.AddDays(-8), T0.AddDays(-2), 1), (state.RegisteredAt, state.ApprovedAt, state.FirstDepositAt, state.FirstInvestmentAt, state.Investments));
        Assert.Equal((90_000m, 10_000m, DateOnly.Parse(Day(T0), System.Globalization.CultureInfo.InvariantCulture)), (state.TotalAssets, state.Cash, state.SnapshotDate));
    }

    [Fact]
    public async Task ATransferOutOfAThirdOfTheAssetsIsAChurnSignalForThirtyDaysThenTheSweeperClearsIt()
    {
        var clock = new FakeTimeProvider(T0);
        await using var service = await LifecycleHost.StartAsync(postgres, redis, broker, clock);
        var lifecycle = new LifecycleDriver(service, broker.BootstrapServers, clock);
        var clientId = LifecycleDriver.NewClientId();
        await lifecycle.RememberOutboxAsync();
        await lifecycle.ApproveAndFundAsync(clientId, T0.AddDays(-60));
        // Kept logging in and trading: only the transfer can be the signal (the trade last, so that S4 is never stored first).
        await lifecycle.PublishAsync(clientId, Snapshot(Day(T0.AddDays(-1)), 300_000m, 50_000m, T0.AddDays(-1)), Login(T0),
            TransferOut(T0.AddHours(-1), 100_000m), Trade(T0, 1_000m));
        await lifecycle.WaitForStageAsync(clientId, "S6");

        clock.SetUtcNow(T0.AddDays(20));
        await lifecycle.PublishAsync(clientId, Login(T0.AddDays(20)), Trade(T0.AddDays(20), 1_000m));
        await lifecycle.WaitForAsync(clientId, s => s.LastInvestmentAt == T0.AddDays(20), "the second trade");
        clock.SetUtcNow(T0.AddDays(30).AddHours(-1).AddSeconds(-2));
        var state = await lifecycle.WaitForStageAsync(clientId, "S4");

        Assert.True(clock.GetUtcNow() >= T0.AddDays(30).AddHours(-1), "cleared only when the transfer left the 30 days");
        Assert.Equal([("", "S2", "approved"), ("S2", "S3", "funded"), ("S3", "S6", "churn_signal"), ("S6", "S4", "churn_cleared")], await lifecycle.StageChangesAsync(clientId));
        Assert.Equal(T0.AddDays(50), state.NextCheckAt);
    }

    [Fact]
    public async Task ThirtyDaysWithoutATradeMakeAnInvestorS5AndThirtyWithoutALoginMakeItS6WithoutAnyNewEvent()
    {
        var clock = new FakeTimeProvider(T0);
        await using var service = await LifecycleHost.StartAsync(postgres, redis, broker, clock);
        var lifecycle = new LifecycleDriver(service, broker.BootstrapServers, clock);
        var clientId = LifecycleDriver.NewClientId();
        await lifecycle.RememberOutboxAsync();
        await lifecycle.PublishAsync(clientId, Approved(T0.AddDays(-40)));
        await lifecycle.WaitForStageAsync(clientId, "S2");
        await lifecycle.PublishAsync(clientId, Login(T0.AddHours(-2)), Trade(T0.AddDays(-1), 8_000m), Deposit(T0.AddDays(-39), 50_000m));
        var investing = await lifecycle.WaitForStageAsync(clientId, "S4");
        Assert.Equal(T0.AddDays(29), investing.NextCheckAt);

        clock.SetUtcNow(T0.AddDays(29).AddSeconds(-2));
        var holding = await lifecycle.WaitForStageAsync(clientId, "S5");
        Assert.True(clock.GetUtcNow() >= T0.AddDays(29), "S5 only once the trade is 30 days old");
        Assert.Equal(T0.AddDays(30).AddHours(-2), holding.NextCheckAt);

        clock.SetUtcNow(T0.AddDays(30).AddHours(-2).AddSeconds(-2));
        var churning = await lifecycle.WaitForStageAsync(clientId, "S6");
        Assert.True(clock.GetUtcNow() >= T0.AddDays(30).AddHours(-2), "S6 only once the login is 30 days old");
        Assert.Null(churning.NextCheckAt);

        // A login ends the signal: the client holds assets without trading.
        clock.Advance(TimeSpan.FromDays(3));
        await lifecycle.PublishAsync(clientId, Login(clock.GetUtcNow()));
        await lifecycle.WaitForStageAsync(clientId, "S5");

        Assert.Equal([("", "S2", "approved"), ("S2", "S4", "invested"), ("S4", "S5", "no_trade_30d"), ("S5", "S6", "churn_signal"), ("S6", "S5", "churn_cleared")],
            await lifecycle.StageChangesAsync(clientId));
    }

    [Fact]
    public async Task ANextCheckKeptEarlyIsAVisitThatChangesNothingAndTheStageStillChangesOnTime()
    {
        var clock = new FakeTimeProvider(T0);
        await using var service = await LifecycleHost.StartAsync(postgres, redis, broker, clock);
        var lifecycle = new LifecycleDriver(service, broker.BootstrapServers, clock);
        var clientId = LifecycleDriver.NewClientId();
        await lifecycle.RememberOutboxAsync();
        await lifecycle.ApproveAndFundAsync(clientId, T0.AddDays(-40));
        await lifecycle.PublishAsync(clientId, Login(T0.AddHours(-2)), Trade(T0.AddDays(-1), 8_000m));
        var investing = await lifecycle.WaitForStageAsync(clientId, "S4");
        Assert.Equal(T0.AddDays(29), investing.NextCheckAt); // the trade leaving the 30 days

        // A second trade moves that later: the first check time alone could change the stage is now the login's 30 days. The
        // stored check stays (the row's index untouched), early.
        clock.SetUtcNow(T0.AddDays(10));
        await lifecycle.PublishAsync(clientId, Trade(T0.AddDays(10), 1_000m));
        var traded = await lifecycle.WaitForAsync(clientId, s => s.Investments == 2, "the second trade");
        Assert.Equal(T0.AddDays(29), traded.NextCheckAt);

        // The early visit: nothing changes, and the true check is stored.
        clock.SetUtcNow(T0.AddDays(29));
        var visited = await lifecycle.WaitForAsync(clientId, s => s.NextCheckAt == T0.AddDays(30).AddHours(-2), "the check after the early visit");
        Assert.Equal("S4", visited.Stage);

        // And at the login's 30 days, S6 (no login), not before.
        clock.SetUtcNow(T0.AddDays(30).AddHours(-2).AddSeconds(-2));
        await lifecycle.WaitForStageAsync(clientId, "S6");
        Assert.True(clock.GetUtcNow() >= T0.AddDays(30).AddHours(-2), "S6 only once the login is 30 days old");
        Assert.Equal([("", "S2", "approved"), ("S2", "S3", "funded"), ("S3", "S4", "invested"), ("S4", "S6", "churn_signal")],
            await lifecycle.StageChangesAsync(clientId));
    }

    [Fact]
    public async Task AnApprovedClientThatNeverLoggedInCountsItsThirtyDaysFromTheApproval()
    {
        var clock = new FakeTimeProvider(T0);
        await using var service = await LifecycleHost.StartAsync(postgres, redis, broker, clock);
        var lifecycle = new LifecycleDriver(service, broker.BootstrapServers, clock);
        var clientId = LifecycleDriver.NewClientId();
        await lifecycle.RememberOutboxAsync();
        await lifecycle.ApproveAndFundAsync(clientId, T0.AddDays(-25));
        await lifecycle.PublishAsync(clientId, Purchase(T0.AddDays(-3), 10_000m));
        var investing = await lifecycle.WaitForStageAsync(clientId, "S4");
        Assert.Equal(T0.AddDays(5), investing.NextCheckAt);

        clock.SetUtcNow(T0.AddDays(5).AddSeconds(-2));
        await lifecycle.WaitForStageAsync(clientId, "S6");

        Assert.Equal([("", "S2", "approved"), ("S2", "S3", "funded"), ("S3", "S4", "invested"), ("S4", "S6", "churn_signal")], await lifecycle.StageChangesAsync(clientId));
    }
}
