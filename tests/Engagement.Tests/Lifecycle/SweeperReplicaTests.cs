using Microsoft.Extensions.Time.Testing;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;
using static Platform.Engagement.Tests.Lifecycle.LifecycleEvents;

namespace Platform.Engagement.Tests.Lifecycle;

/// <summary>Two replicas on one database sweep the same due clients: each time-driven change is published once.</summary>
public sealed class SweeperReplicaTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker)
{
    private static readonly DateTimeOffset T0 = LifecycleHost.T0;

    [Fact]
    public async Task TwoReplicasSweepingTheSameDueClientsPublishEachNoTradeChangeOnce()
    {
        var database = postgres.Server.NewDatabaseConnectionString("engagement");
        var (clockA, clockB) = (new FakeTimeProvider(T0), new FakeTimeProvider(T0));
        await using var replicaA = await ServiceHosts.StartAsync<EngagementDbContext>(EngagementExtensions.DatabaseName, database,
            redis.Server.ConnectionString, broker.BootstrapServers, clockA);
        await using var replicaB = await ServiceHosts.StartAsync<EngagementDbContext>(EngagementExtensions.DatabaseName, database,
            redis.Server.ConnectionString, broker.BootstrapServers, clockB);
        var lifecycle = new LifecycleDriver(replicaA, broker.BootstrapServers, clockA, clockB);
        await lifecycle.RememberOutboxAsync();
        var clients = Enumerable.Range(0, 30).Select(_ => LifecycleDriver.NewClientId()).ToList();
        foreach (var clientId in clients)
        {
            await lifecycle.PublishAsync(clientId, Approved(T0.AddDays(-10)), Funded(T0.AddDays(-10), T0.AddDays(-9)), Login(T0), Trade(T0.AddDays(-1), 1_000m));
        }

        foreach (var clientId in clients)
        {
            await lifecycle.WaitForStageAsync(clientId, "S4");
        }

        clockA.SetUtcNow(T0.AddDays(29));
        clockB.SetUtcNow(T0.AddDays(29));
        foreach (var clientId in clients)
        {
            await lifecycle.WaitForStageAsync(clientId, "S5");
        }

        foreach (var clientId in clients)
        {
            var changes = await lifecycle.StageChangesAsync(clientId);
            Assert.Equal([("S4", "S5", "no_trade_30d")], changes.Where(c => c.From == "S4"));
            Assert.Equal(changes.Count, changes.Distinct().Count());
        }
    }
}
