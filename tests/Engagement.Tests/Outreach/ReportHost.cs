using Microsoft.Extensions.DependencyInjection;
using Platform.DevBroker;
using Microsoft.Extensions.Time.Testing;
using Platform.Engagement.Grpc;
using Platform.Engagement.Outreach;
using Platform.Engagement.Outreach.Reports;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;

namespace Platform.Engagement.Tests.Outreach;

/// <summary>
/// One Engagement host on its own database with a fake clock, its instances and goal events written directly. It has a
/// broker of its own: on the assembly's shared one it would consume the events other tests publish, fire their moments and
/// record their goal events in its database, which the report counts.
/// </summary>
public sealed class ReportHost(PostgresFixture postgres, RedisFixture redis) : IAsyncDisposable
{
    private readonly EmbeddedKafka broker = EmbeddedKafka.Start(new EmbeddedKafkaOptions { Port = 0 });
    private ServiceFactory<EngagementDbContext>? service;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));

    public ServiceFactory<EngagementDbContext> Service => service ?? throw new InvalidOperationException("Not started.");

    public async Task StartAsync() =>
        service = await ServiceHosts.StartAsync<EngagementDbContext>(EngagementExtensions.DatabaseName, postgres.Server.NewDatabaseConnectionString("outreach"),
            redis.Server.ConnectionString, broker.BootstrapServers, Clock);

    public async Task StoreAsync(IEnumerable<OutreachInstance> instances, IEnumerable<GoalEvent>? goals = null)
    {
        using var scope = Service.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
        db.OutreachInstances.AddRange(instances);
        await db.SaveChangesAsync();
        if (goals is not null)
        {
            await GoalEvents.RecordAsync(db, goals, CancellationToken.None);
        }
    }

    public OutreachAuditService.OutreachAuditServiceClient Audit(string? token) => new(Service.CreateGrpcChannel(token));

    public MomentReportService.MomentReportServiceClient Reports(string? token) => new(Service.CreateGrpcChannel(token));

    public async ValueTask DisposeAsync()
    {
        if (service is not null)
        {
            await service.DisposeAsync();
        }

        broker.Dispose();
    }
}
