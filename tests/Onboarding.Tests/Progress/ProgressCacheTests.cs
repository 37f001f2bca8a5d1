using Platform.Onboarding.Grpc;
using Platform.Onboarding.Progress;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;
using StackExchange.Redis;

namespace Platform.Onboarding.Tests.Progress;

public sealed class ProgressCacheTests(PostgresFixture postgres, DevBrokerFixture broker)
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
            var cached = ProgressReply.Parser.ParseFrom((byte[])(await connection.GetDatabase().StringGetAsync(ProgressCache.Key(clientId).Prepend(ServiceHosts.KeyPrefixFor(database))))!);
            Assert.Equal("phone_verified", cached.CurrentStep);
            Assert.Equal("id_uploaded", cached.NextStep);
        }

        await redis.StopAsync();
        await onboarding.StepAsync(clientId, "id_uploaded", at.AddMinutes(2));

        var progress = await onboarding.ProgressAsync(clientId);
        Assert.Equal("id_uploaded", progress.CurrentStep);
        Assert.Equal(["registered", "phone_verified", "id_uploaded"], progress.CompletedSteps);
    }
}
