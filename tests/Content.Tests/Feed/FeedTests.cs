using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Content.Feed;
using Platform.Content.Grpc;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Processes;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;
using StackExchange.Redis;

namespace Platform.Content.Tests.Feed;

/// <summary>Feeds on a real Content service: PostgreSQL, Redis (its own, so it can be paused) and DevBroker.</summary>
public sealed class FeedTests(PostgresFixture postgres, DevBrokerFixture broker) : IAsyncLifetime
{
    private RedisServer redis = null!;
    private ContentHost host = null!;

    public async ValueTask InitializeAsync()
    {
        redis = await RedisServer.StartAsync();
        // The retry loop is driven by hand (RetryOnceAsync), so a test can hold a missed invalidation as long as it needs.
        host = new ContentHost(await ServiceHosts.StartAsync<ContentDbContext>(ContentExtensions.DatabaseName,
            postgres.Server.NewDatabaseConnectionString("feeds"), redis.ConnectionString, broker.BootstrapServers,
            settings: new Dictionary<string, string?> { ["Content:Feed:InvalidationRetryInterval"] = "01:00:00" }));
        foreach (var risk in new[] { 1, 2, 3, 4 })
        {
            await host.Catalog.CreateItemAsync(new ContentItem
            {
                // Above every seeded item's priority, so the seeded catalogue never comes first.
                ItemId = $"fund-r{risk}", Kind = "product", Risk = $"R{risk}", Title = $"Fund R{risk}", Body = "A fund", Priority = 90 + risk,
            });
        }

        await host.Catalog.CreateItemAsync(new ContentItem { ItemId = "market-news", Kind = "insight", Title = "Markets", Body = "Today", Priority = 5 });
    }

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        await redis.DisposeAsync();
    }

    private Task AssessAsync(string clientId, string level, DateTimeOffset at) => Assessments.PublishAndWaitAsync(broker, host, clientId, level, at);

    private static readonly HashSet<string> OwnItems = ["fund-r1", "fund-r2", "fund-r3", "fund-r4", "market-news"];

    /// <summary>The client's feed, limited to this class's own items (the seeded catalogue is there too).</summary>
    private async Task<string[]> FeedAsync(string clientId) =>
        [.. (await host.FeedOf(clientId).GetFeedAsync(new FeedRequest { ClientId = clientId, Limit = 100 })).Items.Select(i => i.ItemId).Where(OwnItems.Contains)];

    /// <summary>
    /// Reads the feed until Redis holds its copy: a read while the client's last profile change is still being
    /// invalidated (its tombstone written just after the commit the test waited for) is worked out from the database
    /// and not cached, by design.
    /// </summary>
    private async Task<string[]> ReadUntilCachedAsync(string clientId)
    {
        string[] feed = [];
        await ChildProcess.WaitUntilAsync(async () =>
        {
            feed = await FeedAsync(clientId);
            return await CachedAsync(clientId);
        }, TimeSpan.FromSeconds(30), "the feed cached");
        return feed;
    }

    private string KeyPrefix => host.Service.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Redis:KeyPrefix"] ?? "";

    /// <summary>Whether Redis holds a (non-tombstone) feed copy for the client, under the host's key prefix.</summary>
    private async Task<bool> CachedAsync(string clientId)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var stored = await connection.GetDatabase().StringGetAsync(FeedCopies.Key(clientId).Prepend(KeyPrefix));
        return stored.HasValue && !FeedCopy.Parser.ParseFrom(((byte[])stored!).AsSpan(Platform.ServiceDefaults.Caching.RedisCopies.VersionDigits)).Invalidated;
    }

    [Fact]
    public async Task AFeedIsSuitableRankedAndCached()
    {
        await AssessAsync("f-c3", "C3", DateTimeOffset.UtcNow.AddMinutes(-5));

        Assert.Equal(["fund-r3", "fund-r2", "fund-r1", "market-news"], await ReadUntilCachedAsync("f-c3"));
        Assert.Equal(["fund-r3", "fund-r2", "fund-r1", "market-news"], await FeedAsync("f-c3"));
    }

    [Fact]
    public async Task AClientWithoutAnAssessmentSeesNoProduct()
    {
        Assert.Equal(["market-news"], await FeedAsync("f-unknown"));
        var feed = await host.FeedOf("f-unknown").GetFeedAsync(new FeedRequest { ClientId = "f-unknown", Limit = 100 });
        Assert.NotEmpty(feed.Items);
        Assert.DoesNotContain(feed.Items, i => i.Kind == "product");
    }

    [Fact]
    public async Task AReassessmentDownRemovesRiskierProductsFromACachedFeedAtOnce()
    {
        await AssessAsync("f-down", "C4", DateTimeOffset.UtcNow.AddMinutes(-10));
        Assert.Contains("fund-r4", await ReadUntilCachedAsync("f-down"));

        await AssessAsync("f-down", "C2", DateTimeOffset.UtcNow.AddMinutes(-1));

        Assert.Equal(["fund-r2", "fund-r1", "market-news"], await FeedAsync("f-down"));
    }

    /// <summary>
    /// Redis unreachable when the profile changes, then back with the old copy still in it (a
    /// network partition, not a restart): the missed tombstone is remembered in the database, the
    /// stale copy is never served meanwhile, and the tombstone is written once Redis answers.
    /// </summary>
    [Fact]
    public async Task AReassessmentMissedByRedisIsNeverServedStaleAndIsInvalidatedOnceRedisAnswers()
    {
        await AssessAsync("f-partition", "C4", DateTimeOffset.UtcNow.AddMinutes(-10));
        Assert.Contains("fund-r4", await ReadUntilCachedAsync("f-partition"));
        var key = FeedCopies.Key("f-partition").Prepend(KeyPrefix);
        byte[] oldCopy;
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString))
        {
            oldCopy = (byte[])(await connection.GetDatabase().StringGetAsync(key))!;
        }

        await redis.StopAsync();
        await AssessAsync("f-partition", "C1", DateTimeOffset.UtcNow.AddMinutes(-1));
        await redis.RestartAsync();
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString))
        {
            await connection.GetDatabase().StringSetAsync(key, oldCopy, TimeSpan.FromHours(1));
        }

        var serviceRedis = host.Service.Services.GetRequiredService<IConnectionMultiplexer>();
        await ChildProcess.WaitUntilAsync(() => Task.FromResult(serviceRedis.IsConnected), TimeSpan.FromSeconds(30), "the service reconnected to Redis");
        Assert.Equal(["fund-r1", "market-news"], await FeedAsync("f-partition"));
        Assert.Equal(["fund-r1", "market-news"], await FeedAsync("f-partition"));

        await host.Service.Services.GetRequiredService<InvalidationRetryWorker>().RetryOnceAsync(TestContext.Current.CancellationToken);
        using (var scope = host.Service.Services.CreateScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<ContentDbContext>().Set<FeedInvalidation>().AnyAsync(i => i.WrittenAt == null));
        }

        Assert.Equal(["fund-r1", "market-news"], await FeedAsync("f-partition"));
    }

    /// <summary>
    /// Review finding 2: Redis acknowledged the tombstone of a reassessment down, then lost it (a failover before it
    /// replicated, a power loss within the AOF's fsync second) and came back holding the C4 copy. The loop's next pass sees
    /// a new Redis incarnation (run id), marks the tombstones of the last CopyTimeToLive pending again and writes them: the
    /// old copy is never served.
    /// </summary>
    [Fact]
    public async Task ATombstoneRedisAcknowledgedAndThenLostIsWrittenAgainSoTheOldCopyIsNeverServed()
    {
        const string client = "f-lost";
        await AssessAsync(client, "C4", DateTimeOffset.UtcNow.AddMinutes(-10));
        Assert.Contains("fund-r4", await ReadUntilCachedAsync(client));
        var key = FeedCopies.Key(client).Prepend(KeyPrefix);
        byte[] oldCopy;
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString))
        {
            oldCopy = (byte[])(await connection.GetDatabase().StringGetAsync(key))!;
        }

        // The loop's pass notes the Redis the tombstone goes to (every InvalidationRetryInterval; here by hand).
        var worker = host.Service.Services.GetRequiredService<InvalidationRetryWorker>();
        await worker.RetryOnceAsync(TestContext.Current.CancellationToken);
        await AssessAsync(client, "C2", DateTimeOffset.UtcNow.AddMinutes(-1));
        await ChildProcess.WaitUntilAsync(async () => await StoredFeedCopies.GetAsync(redis.ConnectionString, KeyPrefix, client) is { Copy.Invalidated: true },
            TimeSpan.FromSeconds(30), "Redis holding the tombstone");

        await redis.StopAsync();
        await redis.RestartAsync();
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString))
        {
            // What the Redis that came back holds: the copy from before the tombstone, byte for byte.
            await connection.GetDatabase().StringSetAsync(key, oldCopy, TimeSpan.FromHours(1));
        }

        var serviceRedis = host.Service.Services.GetRequiredService<IConnectionMultiplexer>();
        await ChildProcess.WaitUntilAsync(() => Task.FromResult(serviceRedis.IsConnected), TimeSpan.FromSeconds(30), "the service reconnected to Redis");
        await worker.RetryOnceAsync(TestContext.Current.CancellationToken);

        Assert.True(await StoredFeedCopies.GetAsync(redis.ConnectionString, KeyPrefix, client) is { Copy.Invalidated: true }, "the tombstone written again");
        Assert.Equal(["fund-r2", "fund-r1", "market-news"], await FeedAsync(client));
    }

    /// <summary>Written tombstones are kept for CopyTimeToLive only (here one second), then forgotten by the loop.</summary>
    [Fact]
    public async Task AWrittenTombstoneIsForgottenOnceNoCopyItReplacedCanBeAlive()
    {
        await using var shortLived = new ContentHost(await ServiceHosts.StartAsync<ContentDbContext>(ContentExtensions.DatabaseName,
            postgres.Server.NewDatabaseConnectionString("feedsforgotten"), redis.ConnectionString, broker.BootstrapServers,
            settings: new Dictionary<string, string?> { ["Content:Feed:InvalidationRetryInterval"] = "01:00:00", ["Content:Feed:CopyTimeToLive"] = "00:00:01" }));
        await Assessments.PublishAndWaitAsync(broker, shortLived, "f-forgotten", "C3", DateTimeOffset.UtcNow.AddMinutes(-1));
        var worker = shortLived.Service.Services.GetRequiredService<InvalidationRetryWorker>();
        async Task<bool> KeptAsync(bool written)
        {
            await using var scope = shortLived.Service.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ContentDbContext>().Set<FeedInvalidation>()
                .AnyAsync(i => i.ClientId == "f-forgotten" && (i.WrittenAt != null) == written, TestContext.Current.CancellationToken);
        }

        await ChildProcess.WaitUntilAsync(() => KeptAsync(written: true), TimeSpan.FromSeconds(30), "the tombstone written and its request kept");
        await ChildProcess.WaitUntilAsync(async () =>
        {
            await worker.RetryOnceAsync(TestContext.Current.CancellationToken);
            return !await KeptAsync(written: true) && !await KeptAsync(written: false);
        }, TimeSpan.FromSeconds(30), "the written tombstone forgotten");
    }

    [Fact]
    public async Task ACatalogEditReachesACachedFeedOnItsNextRead()
    {
        await AssessAsync("f-edit", "C5", DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Contains("market-news", await FeedAsync("f-edit"));

        await host.Catalog.UpdateItemAsync(new UpdateItemRequest
        {
            Item = new ContentItem { ItemId = "market-news", Kind = "insight", Title = "Markets", Body = "Today", Priority = 99 },
        });

        Assert.Equal("market-news", (await FeedAsync("f-edit"))[0]);
    }

    [Fact]
    public async Task WithRedisDownTheDatabaseAnswers()
    {
        await AssessAsync("f-noredis", "C2", DateTimeOffset.UtcNow.AddMinutes(-5));
        await redis.StopAsync();
        try
        {
            Assert.Equal(["fund-r2", "fund-r1", "market-news"], await FeedAsync("f-noredis"));
        }
        finally
        {
            await redis.RestartAsync();
        }
    }

    [Fact]
    public async Task AClientReadsOnlyItsOwnFeed()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => host.FeedOf("f-a").GetFeedAsync(new FeedRequest { ClientId = "f-b" }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task TheLimitIsCheckedAndApplied()
    {
        await AssessAsync("f-limit", "C5", DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal(["fund-r4", "fund-r3"], (await host.FeedOf("f-limit").GetFeedAsync(new FeedRequest { ClientId = "f-limit", Limit = 2 })).Items.Select(i => i.ItemId));
        await FieldErrorsOf.InvalidArgumentAsync(() => host.FeedOf("f-limit").GetFeedAsync(new FeedRequest { ClientId = "f-limit", Limit = 101 }).ResponseAsync);
    }

    [Fact]
    public async Task SelectionGivesTheMomentsWordsOrSaysWhyNot()
    {
        await host.Catalog.CreateItemAsync(new ContentItem
        {
            ItemId = "m90-sms", Kind = "product", Risk = "R3", Title = "Maturity", Body = "{{productName}} matures on {{date}}", Moments = { "M90" }, Channels = { "sms" },
        });
        await AssessAsync("s-c4", "C4", DateTimeOffset.UtcNow.AddMinutes(-5));
        await AssessAsync("s-c2", "C2", DateTimeOffset.UtcNow.AddMinutes(-5));
        var request = new SelectContentRequest { ClientId = "s-c4", Moment = "M90", Channel = "sms", ProductItemId = "fund-r3", Values = { ["date"] = "2026-12-09" } };

        var found = await host.Selection.SelectContentAsync(request);
        Assert.True(found.Found);
        Assert.Equal(("m90-sms", "Fund R3 matures on 2026-12-09"), (found.Item.ItemId, found.Item.Body));

        request.ClientId = "s-c2";
        var unsuitable = await host.Selection.SelectContentAsync(request);
        Assert.Equal((false, "unsuitable"), (unsuitable.Found, unsuitable.Reason));
        request.ClientId = "s-c4";
        request.Moment = "M99";
        request.Channel = "livestream";
        Assert.Equal("no_content", (await host.Selection.SelectContentAsync(request)).Reason);
        request.Values.Add("phone", "13800000000");
        var errors = await FieldErrorsOf.InvalidArgumentAsync(() => host.Selection.SelectContentAsync(request).ResponseAsync);
        Assert.Contains("values.phone", errors.Keys);
    }
}
