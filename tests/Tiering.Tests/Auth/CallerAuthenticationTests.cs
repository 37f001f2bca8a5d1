using Grpc.Core;
using Platform.TestSupport.Auth;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;
using Platform.Tiering.Grpc;

namespace Platform.Tiering.Tests.Auth;

/// <summary>Tiering authenticates every caller from its bearer token: nobody redeems, reads or edits without one, and a client only for itself.</summary>
public sealed class CallerAuthenticationTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private ServiceFactory<TieringDbContext> service = null!;
    private TieringDriver driver = null!;

    public async ValueTask InitializeAsync()
    {
        service = await ServiceHosts.StartAsync<TieringDbContext>(TieringExtensions.DatabaseName,
            postgres.Server.NewDatabaseConnectionString("tierauth"), redis.Server.ConnectionString, broker.BootstrapServers);
        driver = new TieringDriver(service, broker.BootstrapServers);
    }

    public async ValueTask DisposeAsync()
    {
        driver.Dispose();
        await service.DisposeAsync();
    }

    [Fact]
    public async Task ARedemptionWithoutATokenIsUnauthenticated()
    {
        var clientId = await ApprovedClientAsync();
        var anonymous = new BenefitsService.BenefitsServiceClient(service.CreateGrpcChannel(bearerToken: null));

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            anonymous.RedeemAsync(new RedeemRequest { ClientId = clientId, BenefitId = "research-reports", RedemptionKey = "k1" }).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        var benefits = await new BenefitsService.BenefitsServiceClient(service.CreateGrpcChannel())
            .ListClientBenefitsAsync(new ListClientBenefitsRequest { ClientId = clientId });
        Assert.All(benefits.Benefits, b => Assert.Equal(0, b.Used));
    }

    [Fact]
    public async Task AClientRedeemsAndReadsForItselfOnly()
    {
        var (mine, theirs) = (await ApprovedClientAsync(), await ApprovedClientAsync());
        var channel = service.CreateGrpcChannel(TestTokens.Client(mine));

        var redeem = await Assert.ThrowsAsync<RpcException>(() => new BenefitsService.BenefitsServiceClient(channel)
            .RedeemAsync(new RedeemRequest { ClientId = theirs, BenefitId = "research-reports", RedemptionKey = "k1" }).ResponseAsync);
        var tier = await Assert.ThrowsAsync<RpcException>(() => new TieringService.TieringServiceClient(channel)
            .GetTierAsync(new GetTierRequest { ClientId = theirs }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, redeem.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, tier.StatusCode);
        Assert.Equal("V0", (await new TieringService.TieringServiceClient(channel).GetTierAsync(new GetTierRequest { ClientId = mine })).Tier);
    }

    [Theory]
    [InlineData("client")]
    [InlineData("system")]
    public async Task OnlyOperatorsReadOrChangeTheTierTableAndTheBenefitCatalogue(string role)
    {
        var channel = service.CreateGrpcChannel(TestTokens.Mint(role, "someone"));

        var table = await Assert.ThrowsAsync<RpcException>(() =>
            new TierConfigService.TierConfigServiceClient(channel).GetTierTableAsync(new GetTierTableRequest()).ResponseAsync);
        var catalogue = await Assert.ThrowsAsync<RpcException>(() =>
            new BenefitCatalogService.BenefitCatalogServiceClient(channel).ListBenefitsAsync(new ListBenefitsRequest()).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, table.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, catalogue.StatusCode);
    }

    private async Task<string> ApprovedClientAsync()
    {
        var clientId = "auth-" + Guid.NewGuid().ToString("N")[..12];
        await driver.HandledAsync(await driver.ApproveAsync(clientId));
        return clientId;
    }
}
