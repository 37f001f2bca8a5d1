using Microsoft.Extensions.Time.Testing;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;

namespace Platform.Engagement.Tests.Lifecycle;

/// <summary>Engagement on a database of its own with a fake clock.</summary>
public static class LifecycleHost
{
    /// <summary>The fake clock's start: events are dated around it.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 11, 24, 4, 0, 0, TimeSpan.Zero);

    public static Task<ServiceFactory<EngagementDbContext>> StartAsync(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker,
        FakeTimeProvider clock, IDictionary<string, string?>? settings = null) =>
        ServiceHosts.StartAsync<EngagementDbContext>(EngagementExtensions.DatabaseName, postgres.Server.NewDatabaseConnectionString("engagement"),
            redis.Server.ConnectionString, broker.BootstrapServers, clock, settings);
}
