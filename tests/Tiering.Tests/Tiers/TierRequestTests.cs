using Grpc.Core;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;
using Platform.Tiering.Grpc;

namespace Platform.Tiering.Tests.Tiers;

/// <summary>A client id the database cannot hold is the caller's 400, not a failed query (a 500 at the gateway).</summary>
public sealed class TierRequestTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker)
{
    [Theory]
    [InlineData("c-\u0000")]
    [InlineData("c-\u001b[2J")]
    [InlineData("")]
    public async Task AnUnstorableClientIdIsAFieldError(string clientId)
    {
        await using var service = await ServiceHosts.StartAsync<TieringDbContext>(TieringExtensions.DatabaseName,
            postgres.Server.NewDatabaseConnectionString("tierrequest"), redis.Server.ConnectionString, broker.BootstrapServers);
        var tiering = new TieringService.TieringServiceClient(service.CreateGrpcChannel());

        var tier = await Assert.ThrowsAsync<RpcException>(() => tiering.GetTierAsync(new GetTierRequest { ClientId = clientId }).ResponseAsync);
        var history = await Assert.ThrowsAsync<RpcException>(() => tiering.GetTierHistoryAsync(new GetTierRequest { ClientId = clientId }).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, StatusCode.InvalidArgument), (tier.StatusCode, history.StatusCode));
    }
}
