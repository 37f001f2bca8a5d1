using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Platform.Engagement.Channels;
using Platform.Engagement.Outreach.Delivery;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Processes;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;

namespace Platform.Engagement.Tests.Outreach;

/// <summary>Engagement replicas on one database with a fake clock and a scripted provider for push and SMS; the delivery settings the tests count on.</summary>
public sealed class DeliveryHost(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker)
{
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    public const int MaxAttempts = 3;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));

    public string Database { get; } = postgres.Server.NewDatabaseConnectionString("delivery");

    public Task<ServiceFactory<EngagementDbContext>> StartAsync(IChannelAdapter adapter, int concurrency = 8, ILoggerProvider? logs = null) =>
        ServiceHosts.StartAsync<EngagementDbContext>(EngagementExtensions.DatabaseName, Database, redis.Server.ConnectionString, broker.BootstrapServers, Clock,
            new Dictionary<string, string?>
            {
                ["Engagement:Delivery:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Engagement:Delivery:PollInterval"] = "00:00:01",
                ["Engagement:Delivery:RetryDelay"] = RetryDelay.ToString(),
                ["Engagement:Delivery:Lease"] = Lease.ToString(),
                ["Engagement:Delivery:Concurrency"] = concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            services =>
            {
                services.AddSingleton(adapter);
                if (logs is not null)
                {
                    services.AddSingleton(logs);
                }
            });

    /// <summary>Until <paramref name="probe"/> holds, moving the clock a poll interval on each try (the workers wait on it).</summary>
    public Task UntilAsync(IServiceProvider services, Func<EngagementDbContext, Task<bool>> probe, string what) =>
        ChildProcess.WaitUntilAsync(async () =>
        {
            using var scope = services.CreateScope();
            if (await probe(scope.ServiceProvider.GetRequiredService<EngagementDbContext>()))
            {
                return true;
            }

            Clock.Advance(TimeSpan.FromSeconds(1));
            return false;
        }, TimeSpan.FromSeconds(60), what);

    public static async Task<OutreachDelivery> DeliveryAsync(IServiceProvider services, Guid messageId)
    {
        using var scope = services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<EngagementDbContext>().OutreachDeliveries.AsNoTracking().SingleAsync(d => d.MessageId == messageId);
    }

    public static async Task<Engagement.Outreach.OutreachInstance> InstanceAsync(IServiceProvider services, string instanceKey)
    {
        using var scope = services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<EngagementDbContext>().OutreachInstances.AsNoTracking().SingleAsync(i => i.InstanceKey == instanceKey);
    }
}
