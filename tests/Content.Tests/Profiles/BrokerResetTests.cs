using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Content.Grpc;
using Platform.Content.Tests.Feed;
using Platform.DevBroker;
using Platform.Onboarding.Events;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Processes;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;

namespace Platform.Content.Tests.Profiles;

/// <summary>
/// Content keeps its database and Redis while onboarding.events starts over on another broker (review 2, finding 1): what
/// `./platform up` does after a stop (DevBroker keeps nothing), and what a repartition or a cluster migration does to the
/// offsets. Onboarding's events carry their risk-level sequence, so the level still follows Onboarding's decisions.
/// </summary>
public sealed class BrokerResetTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker)
{
    private static readonly HashSet<string> OwnItems = ["reset-r2", "reset-r4"];

    /// <summary>A Content replica on <paramref name="database"/>, kept across brokers, with the assembly's Redis.</summary>
    private async Task<ContentHost> StartAsync(string database, string bootstrapServers) =>
        new(await ServiceHosts.StartAsync<ContentDbContext>(ContentExtensions.DatabaseName, database, redis.Server.ConnectionString, bootstrapServers));

    [Fact]
    public async Task AReassessmentAfterTheBrokerStartedOverStillDecidesAndACachedFeedLosesTheRiskierProduct()
    {
        const string down = "reset-down", up = "reset-up";
        var database = postgres.Server.NewDatabaseConnectionString("broker-reset");
        await using (var before = await StartAsync(database, broker.BootstrapServers))
        {
            foreach (var risk in new[] { 2, 4 })
            {
                await before.Catalog.CreateItemAsync(new ContentItem
                {
                    ItemId = $"reset-r{risk}", Kind = "product", Risk = $"R{risk}", Title = $"Fund R{risk}", Body = "A fund", Priority = 90 + risk,
                });
            }

            // Two steps before each level: its offset on the old log is at least 2, above any of the new log's below.
            foreach (var (client, level) in new[] { (down, "C4"), (up, "C2") })
            {
                await OnboardingEventsOf.PublishAndWaitAsync(broker.BootstrapServers, before, client,
                    new StepRecorded { ClientId = client, Step = "registered", RiskLevelSequence = 1 },
                    new StepRecorded { ClientId = client, Step = "phone_verified", RiskLevelSequence = 2 },
                    OnboardingEventsOf.Assessed(client, level, sequence: 3));
            }

            await ChildProcess.WaitUntilAsync(async () => (await FeedAsync(before, down)).Contains("reset-r4")
                && await StoredFeedCopies.GetAsync(redis.Server.ConnectionString, StoredFeedCopies.KeyPrefixOf(before), down) is { Copy.Invalidated: false },
                TimeSpan.FromSeconds(30), "the C4 feed cached");
        }

        // The broker starts over, with more partitions besides: the same clients' offsets begin again at 0 or 1.
        using var restarted = EmbeddedKafka.Start(new EmbeddedKafkaOptions { Port = 0, Partitions = 12 });
        await using var after = await StartAsync(database, restarted.BootstrapServers);
        await OnboardingEventsOf.PublishAndWaitAsync(restarted.BootstrapServers, after, down, OnboardingEventsOf.Assessed(down, "C2", sequence: 4));
        await OnboardingEventsOf.PublishAndWaitAsync(restarted.BootstrapServers, after, up, OnboardingEventsOf.Assessed(up, "C4", sequence: 4));

        using (var scope = after.Service.Services.CreateScope())
        {
            var profiles = await scope.ServiceProvider.GetRequiredService<ContentDbContext>().Profiles.AsNoTracking()
                .Where(p => p.ClientId == down || p.ClientId == up).ToDictionaryAsync(p => p.ClientId, p => p.RiskTolerance);
            Assert.Equal((2, 4), (profiles[down], profiles[up]));
        }

        Assert.Equal(["reset-r2"], await FeedAsync(after, down));
    }

    /// <summary>The client's feed as it reads it, limited to this test's products (the seeded catalogue is there too).</summary>
    private static async Task<string[]> FeedAsync(ContentHost host, string clientId) =>
        [.. (await host.FeedOf(clientId).GetFeedAsync(new FeedRequest { ClientId = clientId, Limit = 100 })).Items.Select(i => i.ItemId).Where(OwnItems.Contains)];
}
