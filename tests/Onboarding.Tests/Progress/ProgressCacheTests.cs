using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Onboarding.Funnel;
using Platform.Onboarding.Grpc;
using Platform.Onboarding.Progress;
using Platform.ServiceDefaults.Caching;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;
using StackExchange.Redis;

namespace Platform.Onboarding.Tests.Progress;

public sealed class ProgressCacheTests(PostgresFixture postgres, RedisFixture sharedRedis, DevBrokerFixture broker)
{
    [Fact]
    public async Task ProgressIsRefreshedInRedisAfterEachStepAndStillAnsweredFromTheDatabaseWhenRedisIsDown()
    {
        await using var redis = await RedisServer.StartAsync();
        var database = postgres.Server.NewDatabaseConnectionString("cache");
        await using var service = await OnboardingHost.StartAsync(database, redis.ConnectionString, broker.BootstrapServers);
        var onboarding = new OnboardingDriver(service, broker.BootstrapServers);
        var clientId = OnboardingDriver.NewClientId();
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        await onboarding.StepAsync(clientId, "registered", at);
        await onboarding.StepAsync(clientId, "phone_verified", at.AddMinutes(1));

        await using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString))
        {
            var copies = new RedisCopies(connection, NullLogger<RedisCopies>.Instance, ServiceHosts.KeyPrefixFor(database));
            var cached = await copies.GetAsync(ProgressCache.Key(clientId), ProgressReply.Parser);
            Assert.Equal("phone_verified", cached?.CurrentStep);
            Assert.Equal("id_uploaded", cached?.NextStep);
        }

        await redis.StopAsync();
        await onboarding.StepAsync(clientId, "id_uploaded", at.AddMinutes(2));

        var progress = await onboarding.ProgressAsync(clientId);
        Assert.Equal("id_uploaded", progress.CurrentStep);
        Assert.Equal(["registered", "phone_verified", "id_uploaded"], progress.CompletedSteps);
    }

    [Fact]
    public async Task AReadThroughFillThatReadTheRowBeforeAStepDoesNotReplaceThatStepsCopy()
    {
        await using var service = await OnboardingHost.StartAsync(postgres, sharedRedis, broker);
        var onboarding = new OnboardingDriver(service, broker.BootstrapServers);
        var clientId = OnboardingDriver.NewClientId();
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        await onboarding.StepAsync(clientId, "registered", at);
        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        var readBeforeTheStep = await db.ClientFunnels.AsNoTracking().SingleAsync(f => f.ClientId == clientId, TestContext.Current.CancellationToken);

        await onboarding.StepAsync(clientId, "phone_verified", at.AddMinutes(1));
        // The read-through fill that read the row before the step commits lands last.
        await scope.ServiceProvider.GetRequiredService<ProgressCache>().RefreshAsync(readBeforeTheStep, TestContext.Current.CancellationToken);

        Assert.Equal("registered", readBeforeTheStep.CurrentStep.ToWireName());
        Assert.Equal("phone_verified", (await onboarding.ProgressAsync(clientId)).CurrentStep);
        // The step path's copy carried exactly the version the database gave the row.
        var row = await db.ClientFunnels.AsNoTracking().SingleAsync(f => f.ClientId == clientId, TestContext.Current.CancellationToken);
        var copy = await scope.ServiceProvider.GetRequiredService<RedisCopies>().GetVersionedAsync(ProgressCache.Key(clientId), ProgressReply.Parser);
        Assert.Equal(row.Version, copy?.Version);
        Assert.Equal(readBeforeTheStep.Version + 1, row.Version);
    }
}
