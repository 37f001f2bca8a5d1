using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Content.Catalog;
using Platform.Content.Grpc;
using Platform.Content.Migrations;
using Platform.Content.Selection;
using Platform.Content.Templates;
using Platform.Content.Tests.Feed;
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

    /// <summary>Runs raw SQL as a migration would (no EF formatting: the seed holds braces).</summary>
    private Task ExecuteAsync(string sql) => WithDatabaseAsync(async db =>
    {
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction());
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        await transaction.CommitAsync(TestContext.Current.CancellationToken);
        return 0;
    });

    /// <summary>Seed items given a risk by the RiskOnAnyKind migration, as their version 2.</summary>
    private static readonly string[] RatedLater = ["new-client-offer", "trading-signals"];

    /// <summary>Seed items a later migration changed, as their version 2: those, and M08's message (FirstInvestmentWords).</summary>
    private static readonly string[] ChangedLater = [.. RatedLater, "m08-inbox"];

    private const string StageCodeBody = "You are now {{stage}}. Follow our insights to keep track of your investments.";
    private const string WordedBody = "You are now an investing client. Follow our insights to keep track of your investments.";

    private Task<long> VersionSumAsync() => WithDatabaseAsync(db => db.Items.SumAsync(i => (long)i.Version, TestContext.Current.CancellationToken));

    [Fact]
    public async Task ANewDatabaseHoldsEverySeededItemAtItsFirstVersionWithReadableHistory()
    {
        var stored = await WithDatabaseAsync(db => db.Items.AsNoTracking().Where(i => !ChangedLater.Contains(i.ItemId)).OrderBy(i => i.ItemId)
            .Select(i => new { i.ItemId, i.Kind, i.Title, i.Body, i.Risk, i.Priority, i.Version, i.UpdatedAt }).ToListAsync(TestContext.Current.CancellationToken));

        var seeded = CatalogSeed.Items().Where(i => !ChangedLater.Contains(i.ItemId)).OrderBy(i => i.ItemId, StringComparer.Ordinal)
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

        await ExecuteAsync(CatalogSeedSql.Insert());

        var read = await host.Catalog.GetItemAsync(new GetItemRequest { ItemId = "m02-sms" });
        Assert.Equal((2, "Your application is saved: continue in the app."), (read.Version, read.Body));
        Assert.Equal(before, await VersionSumAsync());
        Assert.Equal([1, 2], (await host.Catalog.ListItemVersionsAsync(new GetItemRequest { ItemId = "m02-sms" })).Items.Select(v => v.Version));
    }

    /// <summary>
    /// The seeded service and campaign that lead to trading stocks carry R4 from their version 2, so a prospect without an
    /// assessment (or a client below C4) no longer sees them, and a C4 client still does (review finding 11).
    /// </summary>
    [Fact]
    public async Task TheSeededServiceAndCampaignAboutTradingCarryARiskAndReachNoProspect()
    {
        foreach (var itemId in RatedLater)
        {
            await AssertRatedAtVersionTwoAsync(itemId);
        }

        var prospect = await FeedItemIdsAsync("seed-prospect");
        await Assessments.PublishAndWaitAsync(broker, host, "seed-c4", "C4");
        var c4 = await FeedItemIdsAsync("seed-c4");

        Assert.Empty(prospect.Intersect(RatedLater));
        Assert.Contains("refer-a-friend", prospect);
        Assert.Equal(RatedLater, c4.Intersect(RatedLater).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// The migration's correction on a database seeded before it: only a seed item still at its version 1 is rated; an operator's
    /// edit of one stands (here: no risk, the operator's decision), and running it again changes nothing.
    /// </summary>
    [Fact]
    public async Task TheRiskCorrectionRatesOnlyUneditedSeedItemsAndOnlyOnce()
    {
        // trading-signals as a database seeded before the migration holds it; new-client-offer edited by an operator since.
        await ExecuteAsync(
            """
            DELETE FROM content_item_versions WHERE item_id = 'trading-signals' AND version = 2;
            UPDATE content_items SET risk = NULL, version = 1, updated_at = '2026-12-06T00:00:00Z' WHERE item_id = 'trading-signals';
            """);
        var offer = await host.Catalog.GetItemAsync(new GetItemRequest { ItemId = "new-client-offer" });
        offer.Risk = "";
        await host.Catalog.UpdateItemAsync(new UpdateItemRequest { Item = offer, ExpectedVersion = 2 });

        await ExecuteAsync(RiskOnAnyKind.RateSeededTradingItems);
        await ExecuteAsync(RiskOnAnyKind.RateSeededTradingItems);

        await AssertRatedAtVersionTwoAsync("trading-signals");
        var edited = await host.Catalog.GetItemAsync(new GetItemRequest { ItemId = "new-client-offer" });
        Assert.Equal(("", 3), (edited.Risk, edited.Version));
    }

    /// <summary>M08's inbox message names no stage code ("You are now S4."): a new database holds it reworded as its version 2, with its history.</summary>
    [Fact]
    public async Task TheSeededFirstInvestmentMessageSaysTheStageInWords()
    {
        var item = await AssertRewordedAtVersionTwoAsync();
        // The words a new database serves, not CatalogSeed's (version 1): rendered, they fit the inbox.
        var noValues = new Dictionary<string, string>();
        var (title, body) = (Template.Parse(item.Title).Render(noValues), Template.Parse(item.Body).Render(noValues));
        Assert.NotNull(title);
        Assert.NotNull(body);
        Assert.True(new ChannelLimits().Fits("inbox", title, body));
    }

    /// <summary>
    /// The rewording on a database seeded before it: only while the message is still the seed's version 1 with the seed's
    /// words; an operator's edit stands, and running it again changes nothing.
    /// </summary>
    [Fact]
    public async Task TheRewordingChangesOnlyTheUneditedSeedMessageAndOnlyOnce()
    {
        await ExecuteAsync(
            $"""
            DELETE FROM content_item_versions WHERE item_id = 'm08-inbox' AND version = 2;
            UPDATE content_items SET body = '{StageCodeBody}', version = 1, updated_at = '2026-12-06T00:00:00Z' WHERE item_id = 'm08-inbox';
            """);

        // Still version 1 but with other words (written around the API): left as it is.
        await ExecuteAsync("UPDATE content_items SET body = 'Other words.' WHERE item_id = 'm08-inbox'");
        await ExecuteAsync(FirstInvestmentWords.RewordFirstInvestment);
        var other = await host.Catalog.GetItemAsync(new GetItemRequest { ItemId = "m08-inbox" });
        Assert.Equal(("Other words.", 1), (other.Body, other.Version));

        await ExecuteAsync($"UPDATE content_items SET body = '{StageCodeBody}' WHERE item_id = 'm08-inbox'");
        await ExecuteAsync(FirstInvestmentWords.RewordFirstInvestment);
        await ExecuteAsync(FirstInvestmentWords.RewordFirstInvestment);
        await AssertRewordedAtVersionTwoAsync();

        var edited = await host.Catalog.GetItemAsync(new GetItemRequest { ItemId = "m08-inbox" });
        edited.Body = "Well done on your first investment.";
        await host.Catalog.UpdateItemAsync(new UpdateItemRequest { Item = edited, ExpectedVersion = 2 });
        await ExecuteAsync(FirstInvestmentWords.RewordFirstInvestment);

        var read = await host.Catalog.GetItemAsync(new GetItemRequest { ItemId = "m08-inbox" });
        Assert.Equal(("Well done on your first investment.", 3), (read.Body, read.Version));
    }

    private async Task<ContentItem> AssertRewordedAtVersionTwoAsync()
    {
        var (item, history) = await ItemAndHistoryAsync("m08-inbox");
        Assert.Equal((WordedBody, 2), (item.Body, item.Version));
        Assert.Equal([(StageCodeBody, 1), (WordedBody, 2)], history.Select(v => (v.Body, v.Version)));
        return item;
    }

    private async Task AssertRatedAtVersionTwoAsync(string itemId)
    {
        var (item, history) = await ItemAndHistoryAsync(itemId);
        Assert.Equal(("R4", 2), (item.Risk, item.Version));
        Assert.Equal([("", 1), ("R4", 2)], history.Select(v => (v.Risk, v.Version)));
    }

    /// <summary>The item as served and its history, whose last version must be the item itself.</summary>
    private async Task<(ContentItem Item, IReadOnlyList<ContentItem> History)> ItemAndHistoryAsync(string itemId)
    {
        var item = await host.Catalog.GetItemAsync(new GetItemRequest { ItemId = itemId });
        var history = (await host.Catalog.ListItemVersionsAsync(new GetItemRequest { ItemId = itemId })).Items;
        Assert.Equal(item, history[^1]);
        return (item, history);
    }

    private async Task<string[]> FeedItemIdsAsync(string clientId) =>
        [.. (await host.FeedOf(clientId).GetFeedAsync(new FeedRequest { ClientId = clientId, Limit = 100 })).Items.Select(i => i.ItemId)];
}
