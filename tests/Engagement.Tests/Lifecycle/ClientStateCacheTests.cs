using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Engagement.Lifecycle;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;
using static Platform.Engagement.Tests.Lifecycle.LifecycleEvents;

namespace Platform.Engagement.Tests.Lifecycle;

/// <summary>
/// The replica's cache of the client states it wrote (<see cref="ClientStateCache"/>): a batch takes a client's state from it
/// instead of reading the row, and must end exactly where reading the row would have taken it, whatever another transaction
/// wrote to the row meanwhile.
/// </summary>
public sealed class ClientStateCacheTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker)
{
    private static readonly DateTimeOffset T0 = LifecycleHost.T0;

    [Fact]
    public async Task ARowAnotherTransactionChangedSinceItWasCachedIsReadAgainAndTheBatchAppliesItsEventsToWhatIsThere()
    {
        await using var service = await LifecycleHost.StartAsync(postgres, redis, broker, new FakeTimeProvider(T0));
        var lifecycle = new LifecycleDriver(service, broker.BootstrapServers);
        var clientId = LifecycleDriver.NewClientId();
        await lifecycle.RememberOutboxAsync();
        await lifecycle.ApproveAndFundAsync(clientId, T0.AddDays(-20));
        var login = T0.AddHours(-3);
        await lifecycle.WaitUntilHandledAsync(await lifecycle.PublishAsync(clientId, Login(login)));
        var cached = CachedVersion(service, clientId);

        // Another replica's transaction (after a rebalance, say) moves the tier and stores S5, as its sweeper would have.
        await ExecuteAsync(service, $"UPDATE client_states SET tier = 'V6', tier_changed_at = {T0.AddHours(-2)}, stage = 'S5' WHERE client_id = {clientId}");
        Assert.NotEqual(cached, await VersionAsync(service, clientId));

        var trade = T0.AddHours(-1);
        await lifecycle.WaitUntilHandledAsync(await lifecycle.PublishAsync(clientId, Trade(trade, 5_000m)));
        var state = await lifecycle.StateAsync(clientId);

        // Both transactions' facts: the other's tier, this batch's trade and the login before it; the stage settled from the
        // row as the other left it (S5 to S4), not from the cached copy (S3 to S4), and published once.
        Assert.Equal(("V6", T0.AddHours(-2)), (state!.Tier, state.TierChangedAt));
        Assert.Equal((trade, trade, 1, login), (state.FirstInvestmentAt, state.LastInvestmentAt, state.Investments, state.LastLoginAt));
        Assert.Equal("S4", state.Stage);
        Assert.Equal([("", "S2", "approved"), ("S2", "S3", "funded"), ("S5", "S4", "invested")], await lifecycle.StageChangesAsync(clientId));
        Assert.Equal(await VersionAsync(service, clientId), CachedVersion(service, clientId));
    }

    [Fact]
    public async Task ACachedClientErasedMeanwhileGetsNoMomentFromAnEventThatChangesNoState()
    {
        // A drawdown changes no state, and M14 fires on it for any client not erased: the copy of a row the batch does not
        // write is checked too, not only the rows it writes.
        await using var service = await LifecycleHost.StartAsync(postgres, redis, broker, new FakeTimeProvider(T0));
        var lifecycle = new LifecycleDriver(service, broker.BootstrapServers);
        var (erased, kept) = (LifecycleDriver.NewClientId(), LifecycleDriver.NewClientId());
        foreach (var clientId in new[] { erased, kept })
        {
            await lifecycle.ApproveAndFundAsync(clientId, T0.AddDays(-20));
            Assert.NotNull(CachedVersion(service, clientId));
        }

        // Erased through another replica: its row becomes the erased mark; this replica's copy does not know.
        await ExecuteAsync(service, $"UPDATE client_states SET erased = true WHERE client_id = {erased}");
        var drawdown = new TestEvent(Platform.Messaging.Topics.ActivityEvents,
            c => new Platform.Activity.Events.Drawdown { ClientId = c, OccurredAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(T0), Percent = new() { Units = 15 } },
            T0, "drawdown 15%");
        await lifecycle.WaitUntilHandledAsync([.. await lifecycle.PublishAsync(erased, drawdown), .. await lifecycle.PublishAsync(kept, drawdown)]);

        using var scope = service.Services.CreateScope();
        var moments = await scope.ServiceProvider.GetRequiredService<EngagementDbContext>().OutreachInstances.AsNoTracking()
            .Where(i => i.Moment == "M14" && (i.ClientId == erased || i.ClientId == kept)).Select(i => i.ClientId).ToListAsync();
        Assert.Equal([kept], moments);
        Assert.Equal(await VersionAsync(service, erased), CachedVersion(service, erased));
    }

    [Fact]
    public async Task WhatABatchCachesIsWhatReadingTheRowGivesColumnForColumnAtTheRowsVersion()
    {
        await using var service = await LifecycleHost.StartAsync(postgres, redis, broker, new FakeTimeProvider(T0));
        var lifecycle = new LifecycleDriver(service, broker.BootstrapServers);
        var clients = Enumerable.Range(0, 3).Select(_ => LifecycleDriver.NewClientId()).ToArray();
        foreach (var (clientId, i) in clients.Select((c, i) => (c, i)))
        {
            // Amounts with trailing zeros and nine decimals, times in +08:00, every kind of fact and array.
            var at = T0.AddDays(-10 - i).ToOffset(TimeSpan.FromHours(8)).AddTicks(12_340);
            await lifecycle.WaitUntilHandledAsync(await lifecycle.PublishAsync(clientId,
                Registered(at.AddDays(-5)), Approved(at.AddDays(-4)), Deposit(at.AddDays(-3), 10_000.50m), Trade(at.AddDays(-2), 1_000.000000001m),
                Login(at), Snapshot(Day(at.AddDays(-1)), 120_000.100m, 60_000.000m, at.AddDays(-1)), Snapshot(Day(at), 119_999.99m, 55_000m, at),
                TransferOut(at.AddHours(1), 40_000.10m), TierChanged("V3", at.AddHours(2)), NearNextTier(5_000.0m, at.AddHours(3))));
        }

        using var scope = service.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
        foreach (var clientId in clients)
        {
            var read = await db.ClientStates.AsNoTracking().SingleAsync(s => s.ClientId == clientId);
            Assert.True(service.Services.GetRequiredService<ClientStateCache>().TryGet(clientId, out var cached), $"{clientId} cached");
            Assert.Equal(JsonSerializer.Serialize(read), JsonSerializer.Serialize(cached.State));
            Assert.Equal(await VersionAsync(service, clientId), cached.Version);
            Assert.NotEmpty(read.DailyTotals);
            Assert.NotEmpty(read.TransferOutAmounts);
        }
    }

    [Fact]
    public async Task WithTheCacheSizeZeroNothingIsKeptAndTheStatesAreTheSame()
    {
        await using var service = await LifecycleHost.StartAsync(postgres, redis, broker, new FakeTimeProvider(T0),
            new Dictionary<string, string?> { ["Engagement:Lifecycle:StateCacheSize"] = "0" });
        var lifecycle = new LifecycleDriver(service, broker.BootstrapServers);
        var clientId = LifecycleDriver.NewClientId();
        await lifecycle.ApproveAndFundAsync(clientId, T0.AddDays(-20));
        await lifecycle.WaitUntilHandledAsync(await lifecycle.PublishAsync(clientId, Login(T0), Trade(T0, 100m)));

        Assert.Equal(0, service.Services.GetRequiredService<ClientStateCache>().Count);
        Assert.Equal(("S4", 1), ((await lifecycle.StateAsync(clientId))!.Stage, (await lifecycle.StateAsync(clientId))!.Investments));
    }

    private static uint? CachedVersion(ServiceFactory<EngagementDbContext> service, string clientId) =>
        service.Services.GetRequiredService<ClientStateCache>().TryGet(clientId, out var entry) ? entry.Version : null;

    private static async Task<uint> VersionAsync(ServiceFactory<EngagementDbContext> service, string clientId)
    {
        using var scope = service.Services.CreateScope();
        return (uint)await scope.ServiceProvider.GetRequiredService<EngagementDbContext>().Database
            .SqlQuery<long>($"SELECT xmin::text::bigint AS \"Value\" FROM client_states WHERE client_id = {clientId}").SingleAsync();
    }

    private static async Task ExecuteAsync(ServiceFactory<EngagementDbContext> service, FormattableString sql)
    {
        using var scope = service.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<EngagementDbContext>().Database.ExecuteSqlAsync(sql);
    }
}
