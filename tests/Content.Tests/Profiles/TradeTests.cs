using CsCheck;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Activity.Events;
using Platform.Content.Feed;
using Platform.Content.Grpc;
using Platform.Content.Profiles;
using Platform.Messaging;
using Platform.Messaging.Envelope;
using Platform.Messaging.Outbox;
using Platform.Onboarding.Events;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Processes;
using Platform.TestSupport.Redis;
using Platform.Content.Tests.Feed;

namespace Platform.Content.Tests.Profiles;

/// <summary>Trades, the highest-volume facts, touch the profile's version only when they change the stage (review finding 8).</summary>
public sealed class TradeTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private ContentHost host = null!;

    public async ValueTask InitializeAsync() => host = await ContentHost.StartAsync(postgres, redis, broker, "trades");

    public ValueTask DisposeAsync() => host.DisposeAsync();

    private async Task PublishAndWaitAsync(string topic, string clientId, IMessage message)
    {
        var envelope = EventEnvelope.Create(clientId, message, DateTimeOffset.UtcNow);
        await KafkaMessages.ProduceAsync(broker.BootstrapServers, topic, envelope);
        await ChildProcess.WaitUntilAsync(async () =>
        {
            using var scope = host.Service.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<ContentDbContext>().Set<InboxMessage>().AnyAsync(m => m.EventId == envelope.EventId);
        }, TimeSpan.FromSeconds(60), "Content handling the event");
    }

    private async Task<ClientProfile> ProfileAsync(string clientId)
    {
        using var scope = host.Service.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ContentDbContext>().Profiles.AsNoTracking().FirstAsync(p => p.ClientId == clientId);
    }

    /// <summary>The feed copy Redis holds for the client (null: none), with its version.</summary>
    private Task<(FeedCopy Copy, long Version)?> CopyAsync(string clientId) =>
        StoredFeedCopies.GetAsync(redis.Server.ConnectionString, StoredFeedCopies.KeyPrefixOf(host), clientId);

    [Fact]
    public async Task ASecondTradeWhileInvestingKeepsTheProfileVersionAndTheCachedFeed()
    {
        const string client = "t-investor";
        var now = DateTimeOffset.UtcNow;
        await PublishAndWaitAsync(Topics.OnboardingEvents, client,
            new AccountApproved { ClientId = client, OccurredAt = Timestamp.FromDateTimeOffset(now.AddDays(-3)), RiskLevel = "C3" });
        await PublishAndWaitAsync(Topics.OnboardingEvents, client,
            new AccountFunded { ClientId = client, FundedAt = Timestamp.FromDateTimeOffset(now.AddDays(-2)) });
        await PublishAndWaitAsync(Topics.ActivityEvents, client, new Trade { ClientId = client, OccurredAt = Timestamp.FromDateTimeOffset(now.AddDays(-1)) });
        var investing = await ProfileAsync(client);
        Assert.Equal("S4", LifecycleStage.Of(investing, now));
        await ChildProcess.WaitUntilAsync(async () =>
        {
            await host.FeedOf(client).GetFeedAsync(new FeedRequest { ClientId = client });
            return await CopyAsync(client) is { Copy.Invalidated: false } copy && copy.Version == investing.Version;
        }, TimeSpan.FromSeconds(30), "the feed cached");

        await PublishAndWaitAsync(Topics.ActivityEvents, client, new ProductPurchase { ClientId = client, OccurredAt = Timestamp.FromDateTimeOffset(now) });

        var after = await ProfileAsync(client);
        Assert.Equal(investing.Version, after.Version);
        Assert.Equal(now, after.LastTradeAt!.Value, TimeSpan.FromMilliseconds(1));
        var kept = await CopyAsync(client);
        Assert.NotNull(kept);
        Assert.Equal((false, investing.Version), (kept.Value.Copy.Invalidated, kept.Value.Version));
    }

    /// <summary>
    /// Any milestones, a previous trade of any age, then a trade of any age: the version moves exactly when the stage worked
    /// out now changes (a cached feed shows the stage), and a trade no later than the last one changes nothing.
    /// </summary>
    [Fact]
    public async Task ATradeBumpsTheVersionExactlyWhenItChangesTheStage()
    {
        // Half days, so that no trade falls on the 30-day edge while the test runs.
        double?[] previousAges = [null, 0.5, 10.5, 29.5, 30.5, 45.5];
        double[] ages = [0.25, 5.5, 29.75, 31.5, 60.5];
        await Gen.Select(Gen.Bool, Gen.Bool, Gen.Int[0, previousAges.Length - 1], Gen.Int[0, ages.Length - 1]).SampleAsync(async (approved, funded, p, a) =>
        {
            var (previous, age) = (previousAges[p], ages[a]);
            var clientId = "t-" + Guid.NewGuid().ToString("N");
            var now = DateTimeOffset.UtcNow;
            using var scope = host.Service.Services.CreateScope();
            var facts = scope.ServiceProvider.GetRequiredService<ProfileFacts>();
            await facts.ApplyAsync(new AcquiredFact(clientId, "web", null, now.AddDays(-90)), default);
            if (approved)
            {
                await facts.ApplyAsync(new ApprovedFact(clientId, now.AddDays(-80)), default);
            }

            if (funded)
            {
                await facts.ApplyAsync(new FundedFact(clientId, now.AddDays(-70)), default);
            }

            if (previous is { } days)
            {
                await facts.ApplyAsync(new TradedFact(clientId, now.AddDays(-days)), default);
            }

            var before = await ProfileAsync(clientId);
            var changed = await facts.ApplyAsync(new TradedFact(clientId, now.AddDays(-age)), default);
            var after = await ProfileAsync(clientId);

            var stageChanged = LifecycleStage.Of(before, now) != LifecycleStage.Of(after, now);
            Assert.Equal((stageChanged, stageChanged), (changed, after.Version != before.Version));
            var latest = previous is null || age < previous ? now.AddDays(-age) : before.LastTradeAt!.Value;
            Assert.Equal(latest, after.LastTradeAt!.Value, TimeSpan.FromMilliseconds(1));
        }, iter: 40);
    }
}
