using System.Net;
using Grpc.Health.V1;
using Microsoft.EntityFrameworkCore;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Processes;
using Platform.TestSupport.Redis;
using Xunit;

namespace Platform.TestSupport.Services;

/// <summary>
/// What every service promises SREs: it creates its database, reports ready over /health and the
/// gRPC health service, and tells readiness apart from liveness when a dependency goes away.
/// Each service's test project derives one class from this, naming its database.
/// </summary>
public abstract class ServiceReadinessTests<TContext>(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker, string database)
    where TContext : DbContext
{
    [Fact]
    public async Task TheServiceCreatesItsDatabaseAndReportsReadyOverHttpAndGrpc()
    {
        await using var service = Start(redis.Server.ConnectionString);
        await service.WaitUntilHealthyAsync();

        var health = new Health.HealthClient(service.CreateGrpcChannel());
        var reply = await health.CheckAsync(new HealthCheckRequest(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task ReadinessFailsWhileRedisIsDownButTheProcessStaysAlive()
    {
        await using var ownRedis = await RedisServer.StartAsync();
        await using var service = Start(ownRedis.ConnectionString);
        await service.WaitUntilHealthyAsync();
        using var http = service.CreateClient();

        await ownRedis.StopAsync();

        await ChildProcess.WaitUntilAsync(
            async () => (await http.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode == HttpStatusCode.ServiceUnavailable,
            TimeSpan.FromSeconds(30), "readiness turning unhealthy");
        Assert.True((await http.GetAsync(new Uri("/alive", UriKind.Relative), TestContext.Current.CancellationToken)).IsSuccessStatusCode);
    }

    private ServiceFactory<TContext> Start(string redisConnectionString)
    {
        var connectionString = postgres.Server.NewDatabaseConnectionString(database);
        return new(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{database}db"] = connectionString,
            ["ConnectionStrings:redis"] = redisConnectionString,
            ["ConnectionStrings:kafka"] = broker.BootstrapServers,
            // A consumer group of its own, so that it takes no partitions from the other hosts on the shared broker.
            ["Messaging:ConsumerGroupSuffix"] = "-" + new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database,
        });
    }
}
