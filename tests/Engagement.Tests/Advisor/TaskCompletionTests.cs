using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Platform.Engagement.Advisor;
using Platform.Engagement.Grpc;
using Platform.TestSupport.Auth;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;

namespace Platform.Engagement.Tests.Advisor;

/// <summary>Completing an advisor task through the API: who completed it is kept as the column holds it.</summary>
public sealed class TaskCompletionTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker)
{
    [Fact]
    public async Task AnOperatorWithAnOverlongSubjectCompletesATaskAndIsRecordedCut()
    {
        await using var service = await ServiceHosts.StartAsync<EngagementDbContext>(EngagementExtensions.DatabaseName,
            postgres.Server.NewDatabaseConnectionString("advisor-complete"), redis.Server.ConnectionString, broker.BootstrapServers);
        var task = new AdvisorTaskRecord
        {
            TaskId = Guid.NewGuid(), ClientId = "c-long", InstanceKey = "M11:c-long:episode-1", Moment = "M11", Title = "Call the client",
            Body = "Their deposit waits", CreatedAt = DateTimeOffset.UtcNow, DueAt = DateTimeOffset.UtcNow.AddHours(4),
        };
        using (var scope = service.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
            db.AdvisorTasks.Add(task);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        // A token's subject is the identity provider's: 300 characters answered 500 (completed_by is 200; review of issue 12).
        var subject = new string('o', 300);
        var tasks = new AdvisorTaskService.AdvisorTaskServiceClient(service.CreateGrpcChannel(TestTokens.Operator(subject)));
        var completed = await tasks.CompleteTaskAsync(new CompleteTaskRequest { TaskId = task.TaskId.ToString() });

        Assert.Equal((AdvisorTaskRecord.Done, subject[..AdvisorTaskRecord.MaxCompletedByLength]), (completed.Status, completed.CompletedBy));
        var again = await tasks.CompleteTaskAsync(new CompleteTaskRequest { TaskId = task.TaskId.ToString() });
        Assert.Equal(completed.CompletedAt, again.CompletedAt);
    }
}
