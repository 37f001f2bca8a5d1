using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Platform.Content.Grpc;
using Platform.Messaging;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using static Platform.Content.Tests.Experiments.ExperimentScenario;

namespace Platform.Content.Tests.Experiments;

/// <summary>
/// The results come only from the running totals (experiment_counts), never from the exposure rows: under concurrent
/// feed reads, sent outreach and conversions, with every kind of repeat, the totals must still equal a recount of the rows.
/// </summary>
public sealed class ExperimentRecountTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private const string FeedExperiment = "welcome-copy";

    private static readonly string[] FeedArms = ["welcome-a", "welcome-b", "welcome-c"];

    private ExperimentScenario scenario = null!;

    private ContentHost Host => scenario.Host;

    public async ValueTask InitializeAsync()
    {
        scenario = await StartAsync(postgres, redis, broker, "experiments-recount");
        var threeArms = Welcome(key: FeedExperiment);
        threeArms.Variants.Add(new Variant { Name = "c", Weight = 50, ItemId = "welcome-c" });
        await Host.Experiments.CreateExperimentAsync(threeArms);
        await PushCopy.CreateAsync(Host);
    }

    public ValueTask DisposeAsync() => scenario.DisposeAsync();

    [Fact]
    public async Task UnderConcurrentExposuresAndConversionsTheRunningTotalsEqualARecountOfTheExposures()
    {
        var random = new Random(20261207);
        var servedFeed = new ConcurrentDictionary<string, bool>();
        var sentOutreach = new ConcurrentDictionary<string, bool>();
        var operations = new List<Func<Task>>();

        for (var i = 0; i < 60; i++)
        {
            var client = $"r-feed-{i}";
            // Some clients only convert and never read their feed: nothing of theirs may count.
            var reads = i % 10 == 0 ? 0 : random.Next(1, 5);
            operations.AddRange(Enumerable.Repeat(() => ReadFeedAsync(client, servedFeed), reads));
            operations.AddRange(Conversions(random, client, FeedExperiment));
        }

        for (var i = 0; i < 20; i++)
        {
            var client = $"r-push-{i}";
            var sends = i % 5 == 0 ? 0 : random.Next(1, 3);
            operations.AddRange(Enumerable.Repeat(() => SendOutreachAsync(client, sentOutreach), sends));
            operations.AddRange(Conversions(random, client, PushCopy.Key));
        }

        // Shuffled, so that one client's reads, sends and conversions overlap each other and other clients'.
        var shuffled = operations.OrderBy(_ => random.Next()).ToList();
        Assert.InRange(shuffled.Count, 200, 600);
        // A bounded number at once: enough to overlap, not so many that they queue for the connection pool instead.
        using var gate = new SemaphoreSlim(24);
        await Task.WhenAll(shuffled.Select(async operation =>
        {
            await gate.WaitAsync();
            try
            {
                await operation();
            }
            finally
            {
                gate.Release();
            }
        }));

        // Every client that read its feed was served an arm, every one sent to was exposed.
        Assert.Equal((54, 16), (servedFeed.Count, sentOutreach.Count));
        await AssertTotalsEqualRecountAsync(FeedExperiment, servedFeed.Count);
        await AssertTotalsEqualRecountAsync(PushCopy.Key, sentOutreach.Count);
    }

    /// <summary>
    /// A client's conversions: one dated ahead (kept before any exposure, so it counts once the client is exposed, if that
    /// is within 4 minutes: the test takes seconds), one dated now (counts only if the exposure is already there), a replay
    /// of one of them with its event id, and sometimes another under a new event id.
    /// </summary>
    private IEnumerable<Func<Task>> Conversions(Random random, string client, string experimentKey)
    {
        var now = DateTimeOffset.UtcNow;
        // Under Content's 5 minutes of allowed clock skew.
        var ahead = (EventId(random), now.AddMinutes(4));
        var present = (EventId(random), now);
        var conversions = new List<(Guid EventId, DateTimeOffset At)> { ahead, present, random.Next(2) == 0 ? ahead : present };
        if (random.Next(3) == 0)
        {
            conversions.Add((EventId(random), now.AddMinutes(3)));
        }

        return conversions.Select<(Guid EventId, DateTimeOffset At), Func<Task>>(c =>
            () => scenario.ConvertAsync(client, c.At, c.EventId, experimentKey));
    }

    private static Guid EventId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private async Task ReadFeedAsync(string client, ConcurrentDictionary<string, bool> served)
    {
        if ((await scenario.FeedAsync(client)).Any(FeedArms.Contains))
        {
            served.TryAdd(client, true);
        }
    }

    /// <summary>Engagement's sent outreach with the words Selection gives the client, each send under its own event id.</summary>
    private async Task SendOutreachAsync(string client, ConcurrentDictionary<string, bool> sent)
    {
        var reply = await Host.Selection.SelectContentAsync(new SelectContentRequest { ClientId = client, Moment = PushCopy.Moment, Channel = PushCopy.Channel });
        var arm = Assert.IsType<ExperimentArm>(reply.Item.Experiment);
        await Host.PublishAndWaitAsync(broker.BootstrapServers, (Topics.EngagementEvents, PushCopy.Decided(client, "sent", arm, DateTimeOffset.UtcNow.AddMinutes(-5))));
        sent.TryAdd(client, true);
    }

    private async Task AssertTotalsEqualRecountAsync(string experimentKey, int clientsServed)
    {
        var results = await scenario.ResultsAsync(experimentKey);
        var recount = await scenario.WithDatabaseAsync(db => db.Database.SqlQuery<VariantRecount>(
            $"""
            SELECT variant AS "Variant", count(*) AS "Exposures", count(converted_at) AS "Conversions"
            FROM experiment_exposures WHERE experiment_key = {experimentKey} GROUP BY variant
            """).ToListAsync());

        Assert.All(results.Variants, variant =>
        {
            var rows = recount.SingleOrDefault(r => r.Variant == variant.Name) ?? new VariantRecount(variant.Name, 0, 0);
            Assert.Equal((variant.Name, rows.Exposures, rows.Conversions), (variant.Name, variant.Exposures, variant.Conversions));
        });
        Assert.All(recount, r => Assert.Contains(results.Variants, v => v.Name == r.Variant));
        Assert.Equal(clientsServed, results.Variants.Sum(v => v.Exposures));
        // Every served client had a conversion dated ahead, inside the window after any exposure: all of them count.
        Assert.Equal(clientsServed, results.Variants.Sum(v => v.Conversions));
    }

    private sealed record VariantRecount(string Variant, long Exposures, long Conversions);
}
