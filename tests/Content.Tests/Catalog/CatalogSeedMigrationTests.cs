using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Content.Catalog;
using Platform.Content.Grpc;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;

namespace Platform.Content.Tests.Catalog;

/// <summary>The seed is inserted once into a new database and is never the model's to rewrite (review finding 10).</summary>
public sealed class CatalogSeedMigrationTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private ContentHost host = null!;

    public async ValueTask InitializeAsync() => host = await ContentHost.StartAsync(postgres, redis, broker, "seed");

    public ValueTask DisposeAsync() => host.DisposeAsync();

    private async Task<T> WithDatabaseAsync<T>(Func<ContentDbContext, Task<T>> work)
    {
        await using var scope = host.Service.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ContentDbContext>());
    }

    private Task<long> VersionSumAsync() => WithDatabaseAsync(db => db.Items.SumAsync(i => (long)i.Version, TestContext.Current.CancellationToken));

    [Fact]
    public async Task ANewDatabaseHoldsEverySeededItemAtItsFirstVersionWithReadableHistory()
    {
        var stored = await WithDatabaseAsync(db => db.Items.AsNoTracking().OrderBy(i => i.ItemId)
            .Select(i => new { i.ItemId, i.Kind, i.Title, i.Body, i.Risk, i.Priority, i.Version, i.UpdatedAt }).ToListAsync(TestContext.Current.CancellationToken));

        var seeded = CatalogSeed.Items().OrderBy(i => i.ItemId, StringComparer.Ordinal)
            .Select(i => new { i.ItemId, i.Kind, i.Title, i.Body, i.Risk, i.Priority, i.Version, i.UpdatedAt }).ToList();
        Assert.Equal(seeded, stored);
        var history = (await host.Catalog.ListItemVersionsAsync(new GetItemRequest { ItemId = "bond-fund" })).Items;
        Assert.Equal([await host.Catalog.GetItemAsync(new GetItemRequest { ItemId = "bond-fund" })], history);
    }

    /// <summary>The seed's SQL run again over an operator's edit (a re-run, or a new seed item added later) inserts nothing over it.</summary>
    [Fact]
    public async Task SeedingAgainKeepsAnOperatorsEditAndTheCatalogueVersion()
    {
        var edited = await host.Catalog.GetItemAsync(new GetItemRequest { ItemId = "m02-sms" });
        edited.Title = edited.Body = "Your application is saved: continue in the app.";
        await host.Catalog.UpdateItemAsync(new UpdateItemRequest { Item = edited, ExpectedVersion = 1 });
        var before = await VersionSumAsync();

        await WithDatabaseAsync(async db =>
        {
            await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
            await using var command = new NpgsqlCommand(CatalogSeedSql.Insert(), (NpgsqlConnection)db.Database.GetDbConnection(),
                (NpgsqlTransaction)transaction.GetDbTransaction());
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            await transaction.CommitAsync(TestContext.Current.CancellationToken);
            return 0;
        });

        var read = await host.Catalog.GetItemAsync(new GetItemRequest { ItemId = "m02-sms" });
        Assert.Equal((2, "Your application is saved: continue in the app."), (read.Version, read.Body));
        Assert.Equal(before, await VersionSumAsync());
        Assert.Equal([1, 2], (await host.Catalog.ListItemVersionsAsync(new GetItemRequest { ItemId = "m02-sms" })).Items.Select(v => v.Version));
    }
}
