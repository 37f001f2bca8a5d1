using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Content.Grpc;
using Platform.TestSupport.Auth;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;

namespace Platform.Content.Tests.Catalog;

/// <summary>Operators' catalogue on a real Content service and PostgreSQL.</summary>
public sealed class CatalogTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private ContentHost host = null!;

    public async ValueTask InitializeAsync() => host = await ContentHost.StartAsync(postgres, redis, broker, "catalog");

    public ValueTask DisposeAsync() => host.DisposeAsync();

    private static ContentItem Product(string itemId, string risk = "R3") => new()
    {
        ItemId = itemId, Kind = "product", Title = "Balanced fund", Body = "For {{tier}} clients: {{amountToNextTier}} CNY to {{nextTier}}.",
        Risk = risk, Priority = 40, Targeting = new Grpc.Targeting { Tiers = { "V2", "V3" }, Tags = { "horizon:long" } },
        ValidFrom = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)), Labels = { "funds" },
    };

    [Fact]
    public async Task AnItemIsCreatedReadAndListedAsSaved()
    {
        var created = await host.Catalog.CreateItemAsync(Product("fund-a"));

        Assert.Equal(1, created.Version);
        var read = await host.Catalog.GetItemAsync(new GetItemRequest { ItemId = "fund-a" });
        Assert.Equal(created, read);
        Assert.Equal(("product", "R3", 40), (read.Kind, read.Risk, read.Priority));
        Assert.Equal(["V2", "V3"], read.Targeting.Tiers);
        Assert.Null(read.ValidTo);
        Assert.Contains(read, (await host.Catalog.ListItemsAsync(new ListItemsRequest { Kind = "product" })).Items);
        Assert.DoesNotContain(read, (await host.Catalog.ListItemsAsync(new ListItemsRequest { Kind = "insight" })).Items);
    }

    [Fact]
    public async Task EditsCreateVersionsAndHistoryStaysReadable()
    {
        await host.Catalog.CreateItemAsync(Product("fund-b"));
        var second = Product("fund-b", "R4");
        second.Title = "Growth fund";
        await host.Catalog.UpdateItemAsync(new UpdateItemRequest { Item = second, ExpectedVersion = 1 });

        var history = (await host.Catalog.ListItemVersionsAsync(new GetItemRequest { ItemId = "fund-b" })).Items;
        Assert.Equal([(1, "Balanced fund", "R3"), (2, "Growth fund", "R4")], history.Select(v => (v.Version, v.Title, v.Risk)));
        Assert.Equal(history[1], await host.Catalog.GetItemAsync(new GetItemRequest { ItemId = "fund-b" }));
    }

    [Fact]
    public async Task AStaleEditIsRefusedAndChangesNothing()
    {
        await host.Catalog.CreateItemAsync(Product("fund-c"));
        await host.Catalog.UpdateItemAsync(new UpdateItemRequest { Item = Product("fund-c", "R2"), ExpectedVersion = 1 });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            host.Catalog.UpdateItemAsync(new UpdateItemRequest { Item = Product("fund-c", "R5"), ExpectedVersion = 1 }).ResponseAsync);

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        var current = await host.Catalog.GetItemAsync(new GetItemRequest { ItemId = "fund-c" });
        Assert.Equal((2, "R2"), (current.Version, current.Risk));
    }

    [Fact]
    public async Task ConcurrentEditsNeverLoseAVersion()
    {
        await host.Catalog.CreateItemAsync(Product("fund-d"));
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await host.Catalog.UpdateItemAsync(new UpdateItemRequest { Item = Product("fund-d", $"R{1 + (i % 5)}") });
                return StatusCode.OK;
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        }));

        Assert.All(outcomes, o => Assert.Contains(o, new[] { StatusCode.OK, StatusCode.Aborted }));
        var history = (await host.Catalog.ListItemVersionsAsync(new GetItemRequest { ItemId = "fund-d" })).Items;
        Assert.Equal(1 + outcomes.Count(o => o == StatusCode.OK), history.Count);
        Assert.Equal(Enumerable.Range(1, history.Count), history.Select(v => v.Version));
        Assert.Equal(history[^1], await host.Catalog.GetItemAsync(new GetItemRequest { ItemId = "fund-d" }));
    }

    [Fact]
    public async Task ATakenIdIsAConflictAndAnUnknownOneNotFound()
    {
        await host.Catalog.CreateItemAsync(Product("fund-e"));
        Assert.Equal(StatusCode.AlreadyExists, (await Assert.ThrowsAsync<RpcException>(() => host.Catalog.CreateItemAsync(Product("fund-e")).ResponseAsync)).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() =>
            host.Catalog.UpdateItemAsync(new UpdateItemRequest { Item = Product("nobody") }).ResponseAsync)).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() =>
            host.Catalog.ListItemVersionsAsync(new GetItemRequest { ItemId = "nobody" }).ResponseAsync)).StatusCode);
    }

    [Fact]
    public async Task ABadItemNamesItsFieldsAndIsNotSaved()
    {
        var bad = Product("fund-f");
        bad.Risk = "";
        bad.Body = "Dear {{name}}";
        bad.Targeting.Segment = "no-such-segment";

        var errors = await FieldErrorsOf.InvalidArgumentAsync(() => host.Catalog.CreateItemAsync(bad).ResponseAsync);

        Assert.Equal(["body", "risk"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() =>
            host.Catalog.GetItemAsync(new GetItemRequest { ItemId = "fund-f" }).ResponseAsync)).StatusCode);
    }

    [Fact]
    public async Task AnItemMayTargetOnlyASegmentThatExists()
    {
        var item = Product("fund-g");
        item.Targeting.Segment = "long-term";
        var errors = await FieldErrorsOf.InvalidArgumentAsync(() => host.Catalog.CreateItemAsync(item).ResponseAsync);
        Assert.Contains("there is no segment 'long-term'", errors["targeting.segment"][0], StringComparison.Ordinal);

        await host.Audience.CreateSegmentAsync(new Segment { Key = "long-term", Expression = "horizon:long" });
        Assert.Equal("long-term", (await host.Catalog.CreateItemAsync(item)).Targeting.Segment);
    }

    [Fact]
    public async Task OnlyOperatorsManageTheCatalog()
    {
        foreach (var token in new[] { TestTokens.System(), TestTokens.Client("c-1") })
        {
            var catalog = new CatalogService.CatalogServiceClient(host.Service.CreateGrpcChannel(token));
            var error = await Assert.ThrowsAsync<RpcException>(() => catalog.ListItemsAsync(new ListItemsRequest()).ResponseAsync);
            Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        }

        var anonymous = new CatalogService.CatalogServiceClient(host.Service.CreateGrpcChannel(null));
        Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(() =>
            anonymous.CreateItemAsync(Product("fund-h")).ResponseAsync)).StatusCode);
    }
}
