using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Processes;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;
using Platform.Tiering.Grpc;
using Platform.Tiering.Tiers;

namespace Platform.Tiering.Tests.Tiers;

/// <summary>The cached tier carries its row's version: a copy made from an older read never replaces a newer commit's copy.</summary>
public sealed class TierCopyTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private ServiceFactory<TieringDbContext> service = null!;
    private TieringDriver driver = null!;

    public async ValueTask InitializeAsync()
    {
        service = await ServiceHosts.StartAsync<TieringDbContext>(TieringExtensions.DatabaseName,
            postgres.Server.NewDatabaseConnectionString("tiercopy"), redis.Server.ConnectionString, broker.BootstrapServers);
        driver = new TieringDriver(service, broker.BootstrapServers);
    }

    public async ValueTask DisposeAsync()
    {
        driver.Dispose();
        await service.DisposeAsync();
    }

    [Fact]
    public async Task AReadThroughFillThatReadTheRowBeforeACommitDoesNotReplaceThatCommitsCopy()
    {
        var clientId = "copy-" + Guid.NewGuid().ToString("N")[..12];
        await driver.HandledAsync(await driver.ApproveAsync(clientId));
        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TieringDbContext>();
        var readBeforeTheCommit = await db.ClientTiers.AsNoTracking().SingleAsync(c => c.ClientId == clientId, TestContext.Current.CancellationToken);

        await driver.HandledAsync(await driver.SnapshotAsync(clientId, TieringDriver.LastTradingDays(20)[0], 60_000));
        await ChildProcess.WaitUntilAsync(async () => (await TierAsync(clientId)) == "V3", TimeSpan.FromSeconds(30), "the commit's V3 copy");
        // The read-through fill that read the row before the commit lands last.
        var table = await scope.ServiceProvider.GetRequiredService<TierTableStore>().GetCurrentAsync(TestContext.Current.CancellationToken);
        await scope.ServiceProvider.GetRequiredService<TierCache>().RefreshAsync(readBeforeTheCommit, table, TestContext.Current.CancellationToken);

        Assert.Equal("V0", readBeforeTheCommit.Tier.ToString());
        Assert.Equal("V3", await TierAsync(clientId));
        var now = await db.ClientTiers.AsNoTracking().SingleAsync(c => c.ClientId == clientId, TestContext.Current.CancellationToken);
        Assert.True(now.Version > readBeforeTheCommit.Version, $"row version {now.Version} after {readBeforeTheCommit.Version}");
    }

    private async Task<string> TierAsync(string clientId) => (await driver.Client.GetTierAsync(new GetTierRequest { ClientId = clientId })).Tier;
}
