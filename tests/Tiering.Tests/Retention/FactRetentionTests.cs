using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.DevBroker;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;
using Platform.Tiering.Assets;
using Platform.Tiering.Retention;

namespace Platform.Tiering.Tests.Retention;

/// <summary>The retention's SQL on real PostgreSQL: what it deletes never changes a total from the cutoff on.</summary>
/// <remarks>
/// Its host gets a broker of its own: on the shared one it would store the other tests' clients'
/// snapshots too, and the retention would walk them beside this test's.
/// </remarks>
public sealed class FactRetentionTests(PostgresFixture postgres, RedisFixture redis) : IAsyncLifetime
{
    private readonly EmbeddedKafka broker = EmbeddedKafka.Start(new EmbeddedKafkaOptions { Port = 0 });
    // Facts around a cutoff well after the host's own retention cutoff (today - 400 days), so that its worker leaves them alone.
    private static readonly DateOnly Cutoff = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(100);
    private ServiceFactory<TieringDbContext> service = null!;

    public async ValueTask InitializeAsync() =>
        service = await ServiceHosts.StartAsync<TieringDbContext>(TieringExtensions.DatabaseName,
            postgres.Server.NewDatabaseConnectionString("retention"), redis.Server.ConnectionString, broker.BootstrapServers);

    public async ValueTask DisposeAsync()
    {
        await service.DisposeAsync();
        broker.Dispose();
    }

    [Fact]
    public async Task PruningRandomHistoriesKeepsEveryTotalFromTheCutoffOn()
    {
        var random = new Random(20261126);
        var clients = Enumerable.Range(0, 40).Select(i => ($"r-{i:D3}-{Guid.NewGuid():N}"[..20], RandomFacts(random, i))).ToList();
        await using (var scope = service.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TieringDbContext>();
            foreach (var (clientId, (snapshots, flows)) in clients)
            {
                db.AddRange(snapshots.Select(s => new AssetSnapshotRow
                {
                    ClientId = clientId, Day = s.Day, TotalAssets = s.TotalAssets, ReportedAt = s.ReportedAt, EventId = s.EventId,
                }));
                db.AddRange(flows.Select(f => new AssetFlowRow { ClientId = clientId, EventId = f.EventId, Day = f.Day, Amount = f.Amount }));
            }

            await db.SaveChangesAsync();
        }

        var before = await TotalsAsync(clients.Select(c => c.Item1));
        var (batches, snapshotsPruned, flowsPruned) = await PruneAllAsync(batchSize: 7);
        var after = await TotalsAsync(clients.Select(c => c.Item1));

        Assert.Equal(before, after);
        Assert.True(snapshotsPruned > 500 && flowsPruned > 100, $"pruned {snapshotsPruned} snapshots and {flowsPruned} flows: the histories reach far back");
        Assert.Equal(4, batches);   // the 24 clients with a snapshot before the cutoff, 7 at a time
        var (leftBeforeCutoff, leftFlowsBeforeCutoff) = await LeftBeforeCutoffAsync();
        Assert.True(leftBeforeCutoff <= clients.Count, "at most one snapshot before the cutoff per client is kept");
        Assert.True(leftFlowsBeforeCutoff > 0, "flows before the cutoff of a client without an earlier snapshot are kept");
        var (_, prunedAgainSnapshots, prunedAgainFlows) = await PruneAllAsync(batchSize: 7);
        Assert.Equal((0, 0), (prunedAgainSnapshots, prunedAgainFlows));
    }

    /// <summary>~250 days of history ending 30 days after the cutoff; some clients only have flows before it, some nothing before it.</summary>
    private static (List<AssetSnapshot> Snapshots, List<AssetFlow> Flows) RandomFacts(Random random, int client)
    {
        var snapshots = new List<AssetSnapshot>();
        var flows = new List<AssetFlow>();
        var first = Cutoff.AddDays(client % 5 == 4 ? 5 : -220);
        var snapshotsFrom = client % 5 == 3 ? Cutoff.AddDays(10) : first;
        for (var day = first; day <= Cutoff.AddDays(30); day = day.AddDays(1))
        {
            if (day >= snapshotsFrom && random.NextDouble() < 0.5)
            {
                var reported = new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero);
                snapshots.Add(new AssetSnapshot(day, random.Next(0, 2_000_000), reported, Guid.NewGuid()));
            }

            if (random.NextDouble() < 0.15)
            {
                flows.Add(new AssetFlow(day, random.Next(-50_000, 100_000), Guid.NewGuid()));
            }
        }

        return (snapshots, flows);
    }

    private async Task<(int Batches, int Snapshots, int Flows)> PruneAllAsync(int batchSize)
    {
        var (batches, snapshots, flows, cursor) = (0, 0, 0, "");
        while (true)
        {
            await using var scope = service.Services.CreateAsyncScope();
            var (last, prunedSnapshots, prunedFlows) = await scope.ServiceProvider.GetRequiredService<FactRetention>()
                .PruneBatchAsync(cursor, Cutoff, batchSize, CancellationToken.None);
            if (last is null)
            {
                return (batches, snapshots, flows);
            }

            (batches, snapshots, flows, cursor) = (batches + 1, snapshots + prunedSnapshots, flows + prunedFlows, last);
        }
    }

    /// <summary>Every client's total on every day from the cutoff to the end of its facts, from what the database holds.</summary>
    private async Task<Dictionary<string, decimal[]>> TotalsAsync(IEnumerable<string> clientIds)
    {
        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TieringDbContext>();
        var totals = new Dictionary<string, decimal[]>();
        foreach (var clientId in clientIds)
        {
            var history = new AssetHistory();
            foreach (var snapshot in await db.Set<AssetSnapshotRow>().Where(s => s.ClientId == clientId).ToListAsync())
            {
                history.Record(snapshot.ToSnapshot());
            }

            foreach (var flow in await db.Set<AssetFlowRow>().Where(f => f.ClientId == clientId).ToListAsync())
            {
                history.Record(flow.ToFlow());
            }

            totals[clientId] = [.. Enumerable.Range(0, 31).Select(d => history.TotalOn(Cutoff.AddDays(d)))];
        }

        return totals;
    }

    private async Task<(int Snapshots, int Flows)> LeftBeforeCutoffAsync()
    {
        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TieringDbContext>();
        return (await db.Set<AssetSnapshotRow>().CountAsync(s => s.Day < Cutoff), await db.Set<AssetFlowRow>().CountAsync(f => f.Day < Cutoff));
    }
}
