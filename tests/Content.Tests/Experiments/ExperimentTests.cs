using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Content.Events;
using ExperimentAssignment = Platform.Content.Experiments.ExperimentAssignment;
using VariantDraw = Platform.Content.Experiments.VariantDraw;
using VariantWeight = Platform.Content.Experiments.VariantWeight;
using Platform.Content.Grpc;
using Platform.Messaging;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using static Platform.Content.Tests.Experiments.ExperimentScenario;

namespace Platform.Content.Tests.Experiments;

/// <summary>Experiments on a real Content service, PostgreSQL, Redis and DevBroker: assignment, gating, exposures, conversions, results.</summary>
public sealed class ExperimentTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private ExperimentScenario scenario = null!;

    private ContentHost Host => scenario.Host;

    public async ValueTask InitializeAsync() => scenario = await StartAsync(postgres, redis, broker, "experiments");

    public ValueTask DisposeAsync() => scenario.DisposeAsync();

    [Fact]
    public async Task EachClientIsServedOnlyItsVariantsItemAlwaysTheSame()
    {
        await Host.Experiments.CreateExperimentAsync(Welcome());
        var clients = Enumerable.Range(0, 40).Select(i => $"e-sticky-{i}").ToList();

        var first = new Dictionary<string, string>();
        foreach (var client in clients)
        {
            var feed = await scenario.FeedAsync(client);
            var welcome = Assert.Single(feed, i => i.StartsWith("welcome-", StringComparison.Ordinal) && i != "welcome-c");
            first[client] = welcome;
            Assert.Contains("welcome-c", feed);
        }

        Assert.Equal(2, first.Values.Distinct().Count());
        foreach (var client in clients)
        {
            Assert.Contains(first[client], await scenario.FeedAsync(client));
        }

        var results = await scenario.ResultsAsync();
        Assert.Equal(40, results.Variants.Sum(v => v.Exposures));
        Assert.Equal(first.Values.Count(v => v == "welcome-a"), results.Variants[0].Exposures);
    }

    [Fact]
    public async Task WeightsVariantsAndWindowChangeFreelyUntilAClientIsAssignedAndAreFixedAfter()
    {
        await Host.Experiments.CreateExperimentAsync(Welcome(50, 50));
        Assert.Equal(90, (await scenario.UpdateAsync(Welcome(90, 10))).Variants[0].Weight);
        await scenario.FeedAsync("e-weights-1");

        var reweighted = await FieldErrorsOf.InvalidArgumentAsync(() => scenario.UpdateAsync(Welcome(50, 50)));
        Assert.Contains("start a new one", reweighted["variants[0].weight"][0], StringComparison.Ordinal);
        Assert.Contains("variants[1].weight", reweighted.Keys);
        var longer = Welcome(90, 10);
        longer.ConversionWindow = "P14D";
        Assert.Contains("conversionWindow", (await FieldErrorsOf.InvalidArgumentAsync(() => scenario.UpdateAsync(longer))).Keys);
        var added = Welcome(90, 10);
        added.Variants.Add(new Variant { Name = "c", Weight = 10, ItemId = "welcome-c" });
        Assert.Contains("variants[2]", (await FieldErrorsOf.InvalidArgumentAsync(() => scenario.UpdateAsync(added))).Keys);

        // The status still changes: stopping is how an analyst ends it.
        Assert.Equal("stopped", (await scenario.UpdateAsync(Welcome(90, 10, status: "stopped"))).Status);
    }

    [Fact]
    public async Task ConversionsCountOncePerExposedClientWithinTheWindowAndResultsFollowTheDefinitions()
    {
        await Host.Experiments.CreateExperimentAsync(Welcome());
        var shortWindow = Welcome(key: "tips-copy", control: "tips-a", b: "tips-b");
        shortWindow.ConversionWindow = "PT1M";
        await Host.Experiments.CreateExperimentAsync(shortWindow);
        var exposedAt = DateTimeOffset.UtcNow;
        var clients = Enumerable.Range(0, 20).Select(i => $"e-conv-{i}").ToList();
        foreach (var client in clients)
        {
            await scenario.FeedAsync(client);
        }

        var eventId = Guid.NewGuid();
        Assert.True((await scenario.ConvertAsync(clients[0], exposedAt.AddMinutes(1), eventId)).Counted);
        Assert.True((await scenario.ConvertAsync(clients[0], exposedAt.AddMinutes(1), eventId)).Duplicate);
        Assert.False((await scenario.ConvertAsync(clients[0], exposedAt.AddMinutes(2))).Counted);
        Assert.True((await scenario.ConvertAsync(clients[1], exposedAt.AddMinutes(1))).Counted);
        Assert.False((await scenario.ConvertAsync(clients[2], exposedAt.AddMinutes(4), experimentKey: "tips-copy")).Counted);
        Assert.False((await scenario.ConvertAsync(clients[3], exposedAt.AddDays(-1))).Counted);
        Assert.False((await scenario.ConvertAsync("e-never-exposed", exposedAt)).Counted);

        var results = await scenario.ResultsAsync();
        Assert.Equal(20, results.Variants.Sum(v => v.Exposures));
        Assert.Equal(2, results.Variants.Sum(v => v.Conversions));
        var tips = await scenario.ResultsAsync("tips-copy");
        Assert.Equal((20, 0), (tips.Variants.Sum(v => v.Exposures), tips.Variants.Sum(v => v.Conversions)));
        var control = results.Variants[0];
        Assert.Equal((double)control.Conversions / control.Exposures, control.Rate, 9);
        Assert.False(control.HasPValue);
        Assert.True(results.Variants[1].HasPValue);
    }

    [Fact]
    public async Task AConversionThatArrivesBeforeItsExposureCountsWhenTheExposureComes()
    {
        await Host.Experiments.CreateExperimentAsync(Welcome());
        Assert.False((await scenario.ConvertAsync("e-early", DateTimeOffset.UtcNow.AddMinutes(1))).Counted);

        await scenario.FeedAsync("e-early");

        Assert.Equal(1, (await scenario.ResultsAsync()).Variants.Sum(v => v.Conversions));
    }

    [Fact]
    public async Task ExposuresAndConversionsArePublishedOnceOnContentEvents()
    {
        await Host.Experiments.CreateExperimentAsync(Welcome());
        await scenario.FeedAsync("e-events");
        await scenario.FeedAsync("e-events");
        var conversionId = Guid.NewGuid();
        await scenario.ConvertAsync("e-events", DateTimeOffset.UtcNow.AddMinutes(1), conversionId);
        await scenario.ConvertAsync("e-events", DateTimeOffset.UtcNow.AddMinutes(1)); // converted already: no second event
        await scenario.ConvertAsync("e-events", DateTimeOffset.UtcNow.AddMinutes(2));

        // Everything on the topic for the client once the relay has published it all, not the first match: a second
        // ConversionRecorded must fail this.
        await Platform.TestSupport.Processes.ChildProcess.WaitUntilAsync(
            async () => !await scenario.WithDatabaseAsync(db => db.Set<Platform.Messaging.Outbox.OutboxMessage>().AnyAsync()),
            TimeSpan.FromSeconds(60), "Content's outbox published");
        var conversions = await KafkaMessages.ConsumeAllAsync(broker.BootstrapServers, Topics.ContentEvents, TimeSpan.FromSeconds(60),
            m => m.Key == "e-events" && m.Header("event-type") == nameof(ConversionRecorded));
        Assert.Equal("welcome-copy", ConversionRecorded.Parser.ParseFrom(Assert.Single(conversions).Value).ExperimentKey);
        var exposures = await KafkaMessages.ConsumeAllAsync(broker.BootstrapServers, Topics.ContentEvents, TimeSpan.FromSeconds(60),
            m => m.Key == "e-events" && m.Header("event-type") == nameof(ExposureRecorded));
        var exposure = ExposureRecorded.Parser.ParseFrom(Assert.Single(exposures).Value);
        Assert.Equal(("welcome-copy", "e-events"), (exposure.ExperimentKey, exposure.ClientId));
    }

    [Fact]
    public async Task AnItemServesOneRunningExperimentAndVariantsStayAsCreated()
    {
        await Host.Experiments.CreateExperimentAsync(Welcome());
        var overlapping = new Experiment
        {
            Key = "other", Status = "running", ConversionWindow = "P1D",
            Variants = { new Variant { Name = "a", Weight = 1, ItemId = "welcome-b" }, new Variant { Name = "b", Weight = 1, ItemId = "tips-b" } },
        };
        var errors = await FieldErrorsOf.InvalidArgumentAsync(() => Host.Experiments.CreateExperimentAsync(overlapping).ResponseAsync);
        Assert.Contains("running experiment 'welcome-copy'", errors["variants[0].itemId"][0], StringComparison.Ordinal);

        var renamed = Welcome();
        renamed.Variants[1].ItemId = "welcome-c";
        Assert.Contains("variants[1]", (await FieldErrorsOf.InvalidArgumentAsync(() => Host.Experiments.UpdateExperimentAsync(renamed).ResponseAsync)).Keys);

        var added = Welcome();
        added.Variants.Add(new Variant { Name = "c", Weight = 10, ItemId = "welcome-c" });
        Assert.Equal(3, (await Host.Experiments.UpdateExperimentAsync(added)).Variants.Count);

        var stale = Welcome();
        stale.Version = 1;
        Assert.Equal(StatusCode.Aborted, (await Assert.ThrowsAsync<RpcException>(() => Host.Experiments.UpdateExperimentAsync(stale).ResponseAsync)).StatusCode);
    }

    [Fact]
    public async Task AClientNoArmCanReachIsNeverAssignedToThatExperiment()
    {
        foreach (var item in new[] { "vip-a", "vip-b" })
        {
            var forV5 = Item(item);
            forV5.Targeting = new Grpc.Targeting { Tiers = { "V5" } };
            await Host.Catalog.CreateItemAsync(forV5);
        }

        await Host.Experiments.CreateExperimentAsync(Welcome());
        await Host.Experiments.CreateExperimentAsync(Welcome(key: "vip-copy", control: "vip-a", b: "vip-b"));

        // No profile, so no tier: neither arm of vip-copy can reach this client, both of welcome-copy can.
        await scenario.FeedAsync("e-no-tier");
        await Host.Selection.SelectContentAsync(new SelectContentRequest { ClientId = "e-no-tier", Moment = "M99", Channel = "inbox", Labels = { "x" } });

        var assigned = await scenario.WithDatabaseAsync(db => db.Set<ExperimentAssignment>().Where(a => a.ClientId == "e-no-tier")
            .Select(a => a.ExperimentKey).ToListAsync());
        Assert.Equal(["welcome-copy"], assigned);
    }

    [Fact]
    public async Task AnOperatorLookingAtAClientsFeedRecordsNoExposure()
    {
        await Host.Experiments.CreateExperimentAsync(Welcome());
        var asOperator = new FeedService.FeedServiceClient(Host.Service.CreateGrpcChannel(Platform.TestSupport.Auth.TestTokens.Operator()));

        var seen = await asOperator.GetFeedAsync(new FeedRequest { ClientId = "e-previewed" });

        Assert.Contains(seen.Items, i => i.Experiment is not null);
        Assert.Equal(0, (await scenario.ResultsAsync()).Variants.Sum(v => v.Exposures));
        await scenario.FeedAsync("e-previewed");
        Assert.Equal(1, (await scenario.ResultsAsync()).Variants.Sum(v => v.Exposures));
    }

    [Fact]
    public async Task AnOperatorsPreviewAssignsNobodySoTheDefinitionMayStillChange()
    {
        await Host.Experiments.CreateExperimentAsync(Welcome());
        var asOperator = new FeedService.FeedServiceClient(Host.Service.CreateGrpcChannel(Platform.TestSupport.Auth.TestTokens.Operator()));

        var preview = await asOperator.GetFeedAsync(new FeedRequest { ClientId = "e-preview-only" });

        Assert.Contains(preview.Items, i => i.Experiment?.Key == "welcome-copy");
        Assert.Equal([90, 10], (await scenario.UpdateAsync(Welcome(90, 10))).Variants.Select(v => v.Weight));
        Assert.Empty(await scenario.WithDatabaseAsync(db => db.Set<ExperimentAssignment>().ToListAsync()));
        // The client's own read draws (under the new weights) and keeps it; the preview then shows the kept variant.
        var feed = await Host.FeedOf("e-preview-only").GetFeedAsync(new FeedRequest { ClientId = "e-preview-only" });
        var own = Assert.Single(feed.Items, i => i.Experiment is not null);
        var stored = await scenario.WithDatabaseAsync(db => db.Set<ExperimentAssignment>().SingleAsync());
        Assert.Equal(("e-preview-only", own.Experiment.Variant), (stored.ClientId, stored.Variant));
        Assert.Equal(own.ItemId, Assert.Single((await asOperator.GetFeedAsync(new FeedRequest { ClientId = "e-preview-only" })).Items, i => i.Experiment is not null).ItemId);
    }

    /// <summary>
    /// Ties at one priority are broken by item id, which put arm zzz-welcome below 30 items when its control aaa-welcome
    /// came first: a feed's limit cut it, its clients were never exposed, and the sample-ratio check fired on a healthy
    /// draw. Every arm ranks at its control's place.
    /// </summary>
    [Fact]
    public async Task EveryArmRanksAtItsControlsPlaceSoTheFeedsLimitCutsNoArm()
    {
        foreach (var itemId in Enumerable.Range(1, 25).Select(i => $"item-{i:D2}").Append("aaa-welcome").Append("zzz-welcome"))
        {
            await Host.Catalog.CreateItemAsync(Item(itemId));
        }

        await Host.Experiments.CreateExperimentAsync(Welcome(key: "ranked", control: "aaa-welcome", b: "zzz-welcome"));
        VariantWeight[] weights = [new("control", 50), new("b", 50)];
        var clients = Enumerable.Range(0, 200).Select(i => $"e-rank-{i}").ToList();

        var feeds = new Dictionary<string, string[]>();
        foreach (var client in clients)
        {
            feeds[client] = await scenario.FeedAsync(client);
        }

        // Each client sees its own arm, at one index for all (after the seeded items of higher priority), and around it
        // the same 19 items as everyone else.
        var armOf = new Dictionary<string, string> { ["control"] = "aaa-welcome", ["b"] = "zzz-welcome" };
        var index = clients.Select(c => Array.IndexOf(feeds[c], armOf[VariantDraw.Choose(weights, "ranked", c)])).Distinct().ToList();
        Assert.True(index is [>= 0], $"the arms' indexes: {string.Join(", ", index)}");
        var others = feeds[clients[0]].Where((_, i) => i != index[0]).ToList();
        Assert.All(clients, c => Assert.Equal(others, feeds[c].Where((_, i) => i != index[0])));
        Assert.Contains("item-01", others);
        var results = await scenario.ResultsAsync("ranked");
        Assert.Equal(clients.Count(c => VariantDraw.Choose(weights, "ranked", c) == "b"), results.Variants[1].Exposures);
        Assert.Equal(200, results.Variants.Sum(v => v.Exposures));
        Assert.False(results.SampleRatioMismatch.Detected);
    }

    [Fact]
    public async Task AClientReportsOnlyItsOwnConversions()
    {
        await Host.Experiments.CreateExperimentAsync(Welcome());
        var asClient = new ConversionService.ConversionServiceClient(Host.Service.CreateGrpcChannel(Platform.TestSupport.Auth.TestTokens.Client("e-me")));
        var error = await Assert.ThrowsAsync<RpcException>(() => asClient.RecordConversionAsync(new ConversionRequest
        {
            EventId = Guid.NewGuid().ToString(), ClientId = "e-someone-else", ExperimentKey = "welcome-copy",
            OccurredAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.UtcNow),
        }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }
}
