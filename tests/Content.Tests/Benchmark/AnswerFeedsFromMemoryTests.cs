using Grpc.Core;
using Platform.Content.Benchmark;
using Platform.Content.Feed;
using Platform.Content.Grpc;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;
using StackExchange.Redis;

namespace Platform.Content.Tests.Benchmark;

/// <summary>The benchmark's hop-chain switch: feeds come from memory, nothing is read or cached, and no deployment can start with it.</summary>
public sealed class AnswerFeedsFromMemoryTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker)
{
    [Fact]
    public async Task WithTheSwitchOnAClientWithoutAProfileIsAnsweredTheHeldFeedAndNothingIsCached()
    {
        var database = postgres.Server.NewDatabaseConnectionString("frommemory");
        await using var host = new ContentHost(await ServiceHosts.StartAsync<ContentDbContext>(ContentExtensions.DatabaseName, database,
            redis.Server.ConnectionString, broker.BootstrapServers,
            settings: new Dictionary<string, string?> { [BenchmarkSwitch.AnswerFeedsFromMemoryKey] = "true" }));
        await host.Catalog.CreateItemAsync(new ContentItem
        {
            ItemId = "insight-for-tier", Kind = "insight", Title = "Insight for {{tier}}", Body = "An insight", Priority = 99,
        });
        const string client = "memory-client";

        var feed = await host.FeedOf(client).GetFeedAsync(new FeedRequest { ClientId = client, Limit = 3 });

        // Content knows nothing of this client, whose tier it cannot know: it was shown the representative client's feed.
        Assert.Equal(("insight-for-tier", "Insight for V2"), (feed.Items[0].ItemId, feed.Items[0].Title));
        Assert.Equal(3, feed.Items.Count);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString);
        Assert.False(await connection.GetDatabase().KeyExistsAsync(FeedCopies.Key(client).Prepend(ServiceHosts.KeyPrefixFor(database))));
    }

    /// <summary>
    /// The held feed goes to every caller, so it holds no product, not even the least risky one: one of the callers may be a
    /// prospect without an assessment (review finding 11), and the seeded R1 money market fund must not reach it either.
    /// </summary>
    [Fact]
    public async Task WithTheSwitchOnTheHeldFeedHoldsNoProductSoAnUnassessedCallerIsNeverShownOne()
    {
        await using var host = new ContentHost(await ServiceHosts.StartAsync<ContentDbContext>(ContentExtensions.DatabaseName,
            postgres.Server.NewDatabaseConnectionString("frommemorysuitable"), redis.Server.ConnectionString, broker.BootstrapServers,
            settings: new Dictionary<string, string?> { [BenchmarkSwitch.AnswerFeedsFromMemoryKey] = "true" }));
        await host.Catalog.CreateItemAsync(new ContentItem { ItemId = "cash-fund-r1", Kind = "product", Risk = "R1", Title = "Cash", Body = "A fund", Priority = 99 });
        const string prospect = "unassessed-prospect";

        var feed = await host.FeedOf(prospect).GetFeedAsync(new FeedRequest { ClientId = prospect, Limit = FeedOptions.MaxItems });

        Assert.NotEmpty(feed.Items);
        Assert.DoesNotContain(feed.Items, i => i.Kind == "product");
        // Nor the seeded service and campaign that lead to trading stocks: they carry a risk too.
        Assert.DoesNotContain(feed.Items, i => i.ItemId is "trading-signals" or "new-client-offer");
    }

    [Fact]
    public async Task AClientStillReadsOnlyItsOwnFeedWithTheSwitchOn()
    {
        await using var host = new ContentHost(await ServiceHosts.StartAsync<ContentDbContext>(ContentExtensions.DatabaseName,
            postgres.Server.NewDatabaseConnectionString("frommemoryown"), redis.Server.ConnectionString, broker.BootstrapServers,
            settings: new Dictionary<string, string?> { [BenchmarkSwitch.AnswerFeedsFromMemoryKey] = "true" }));

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            host.FeedOf("someone").GetFeedAsync(new FeedRequest { ClientId = "someone-else" }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task TheServiceRefusesToStartWithTheSwitchOnOutsideDevelopment()
    {
        var settings = new Dictionary<string, string?>
        {
            [BenchmarkSwitch.AnswerFeedsFromMemoryKey] = "true",
            ["environment"] = "Production",
            // What a deployment has instead of the tests' dev key, so that the switch is the only thing wrong.
            ["Platform:Auth:DevSigningKey"] = string.Empty,
            ["Platform:Auth:Authority"] = "https://identity.example.test",
            ["Platform:Auth:Audience"] = "platform",
        };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => ServiceHosts.StartAsync<ContentDbContext>(ContentExtensions.DatabaseName,
            postgres.Server.NewDatabaseConnectionString("frommemoryrefused"), redis.Server.ConnectionString, broker.BootstrapServers, settings: settings));

        Assert.Contains($"{BenchmarkSwitch.AnswerFeedsFromMemoryKey}=true is refused in environment 'Production'", error.ToString());
    }
}
