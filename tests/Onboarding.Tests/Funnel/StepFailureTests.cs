using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Onboarding.Funnel;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;

namespace Platform.Onboarding.Tests.Funnel;

/// <summary>A step is answered as committed once it is, and a step that could not commit is worth a retry, never an Internal error.</summary>
public sealed class StepFailureTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker)
{
    [Fact]
    public async Task AStepIsAnsweredAsRecordedWhenTheWorkAfterItsCommitFails()
    {
        await using var service = await OnboardingHost.StartAsync(postgres.Server.NewDatabaseConnectionString("aftercommit"),
            redis.Server.ConnectionString, broker.BootstrapServers, services: s => s.AddScoped<IAfterStepsCommitted, FailingAfterCommit>());
        var onboarding = new OnboardingDriver(service, broker.BootstrapServers);
        var clientId = OnboardingDriver.NewClientId();

        var reply = await onboarding.StepAsync(clientId, "registered", DateTimeOffset.UtcNow);

        Assert.Equal(("in_progress", "registered", false), (reply.Status, reply.CurrentStep, reply.Duplicate));
        Assert.Equal(["registered"], (await onboarding.ProgressAsync(clientId)).CompletedSteps);
    }

    [Fact]
    public async Task AStepThatCannotCommitIsUnavailableRecordsNothingAndItsRetryIsRecorded()
    {
        var database = postgres.Server.NewDatabaseConnectionString("beforecommit");
        await using var service = await OnboardingHost.StartAsync(database, redis.Server.ConnectionString, broker.BootstrapServers);
        var onboarding = new OnboardingDriver(service, broker.BootstrapServers);
        var clientId = OnboardingDriver.NewClientId();
        var at = DateTimeOffset.UtcNow;

        await ExecuteAsync(database, "ALTER TABLE funnel_steps RENAME TO funnel_steps_away");
        var error = await Assert.ThrowsAsync<RpcException>(() => onboarding.StepAsync(clientId, "registered", at));
        await ExecuteAsync(database, "ALTER TABLE funnel_steps_away RENAME TO funnel_steps");

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => onboarding.ProgressAsync(clientId))).StatusCode);
        Assert.False((await onboarding.StepAsync(clientId, "registered", at)).Duplicate);
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class FailingAfterCommit : IAfterStepsCommitted
    {
        public Task StepsCommittedAsync(IReadOnlyCollection<ClientFunnel> changed, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Injected: the work after the commit fails.");
    }
}
