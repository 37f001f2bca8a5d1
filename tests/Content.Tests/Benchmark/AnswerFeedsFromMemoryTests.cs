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
            ItemId = "fund-r3", Kind = "product", Risk = "R3", Title = "Fund for {{tier}}", Body = "A fund", Priority = 99,
        });
        const string client = "memory-client";

        var feed = await host.FeedOf(client).GetFeedAsync(new FeedRequest { ClientId = client, Limit = 3 });

        // A client Content knows nothing of sees no products: this one was shown the representative client's feed.
        Assert.Equal(("fund-r3", "Fund for V2"), (feed.Items[0].ItemId, feed.Items[0].Title));
        Assert.Equal(3, feed.Items.Count);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString);
        Assert.False(await connection.GetDatabase().KeyExistsAsync(FeedCopies.Key(client).Prepend(ServiceHosts.KeyPrefixFor(database))));
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
