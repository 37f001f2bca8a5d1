using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;

namespace Platform.Engagement.Tests.Rules;

/// <summary>
/// Two Engagement replicas on one new database: <see cref="Saving"/> never polls (an hour between looks), so what it sees
/// right after a save it saw because of the save; <see cref="Polling"/> looks every 100 ms, as another replica would.
/// </summary>
public sealed class RuleReplicasFixture(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    public ServiceFactory<EngagementDbContext> Saving { get; private set; } = null!;

    public ServiceFactory<EngagementDbContext> Polling { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var database = postgres.Server.NewDatabaseConnectionString("engagement");
        Saving = await ServiceHosts.StartAsync<EngagementDbContext>(EngagementExtensions.DatabaseName, database, redis.Server.ConnectionString,
            broker.BootstrapServers, settings: new Dictionary<string, string?> { ["Engagement:Rules:RefreshInterval"] = "01:00:00" });
        Polling = await ServiceHosts.StartAsync<EngagementDbContext>(EngagementExtensions.DatabaseName, database, redis.Server.ConnectionString,
            broker.BootstrapServers, settings: new Dictionary<string, string?> { ["Engagement:Rules:RefreshInterval"] = "00:00:00.100" });
    }

    public async ValueTask DisposeAsync()
    {
        await Polling.DisposeAsync();
        await Saving.DisposeAsync();
    }
}
