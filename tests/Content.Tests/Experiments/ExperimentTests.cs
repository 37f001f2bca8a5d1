using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Content.Events;
using Platform.Content.Grpc;
using Platform.Messaging;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;

namespace Platform.Content.Tests.Experiments;

/// <summary>Experiments on a real Content service, PostgreSQL, Redis and DevBroker: assignment, gating, exposures, conversions, results.</summary>
public sealed class ExperimentTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private ContentHost host = null!;

    public async ValueTask InitializeAsync()
    {
        host = await ContentHost.StartAsync(postgres, redis, broker, "experiments");
        foreach (var item in new[] { "welcome-a", "welcome-b", "welcome-c", "tips-a", "tips-b" })
        {
            await host.Catalog.CreateItemAsync(new ContentItem { ItemId = item, Kind = "feature", Title = item, Body = "Welcome", Priority = 50 });
        }
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();

    private static Experiment Welcome(int controlWeight = 50, int bWeight = 50, string status = "running") => new()
    {
        Key = "welcome-copy", Status = status, ConversionWindow = "P7D",
        Variants = { new Variant { Name = "control", Weight = controlWeight, ItemId = "welcome-a" }, new Variant { Name = "b", Weight = bWeight, ItemId = "welcome-b" } },
    };

    private async Task<string[]> FeedAsync(string clientId) =>
        [.. (await host.FeedOf(clientId).GetFeedAsync(new FeedRequest { ClientId = clientId })).Items.Select(i => i.ItemId)];

    private Task<ConversionReply> ConvertAsync(string clientId, DateTimeOffset at, Guid? eventId = null) =>
        host.Conversions.RecordConversionAsync(new ConversionRequest
        {
            EventId = (eventId ?? Guid.NewGuid()).ToString(), ClientId = clientId, ExperimentKey = "welcome-copy", OccurredAt = Timestamp.FromDateTimeOffset(at),
        }).ResponseAsync;

    [Fact]
    public async Task EachClientIsServedOnlyItsVariantsItemAlwaysTheSame()
    {
        await host.Experiments.CreateExperimentAsync(Welcome());
        var clients = Enumerable.Range(0, 40).Select(i => $"e-sticky-{i}").ToList();

        var first = new Dictionary<string, string>();
        foreach (var client in clients)
        {
            var feed = await FeedAsync(client);
            var welcome = Assert.Single(feed, i => i.StartsWith("welcome-", StringComparison.Ordinal) && i != "welcome-c");
            first[client] = welcome;
            Assert.Contains("welcome-c", feed);
        }

        Assert.Equal(2, first.Values.Distinct().Count());
        foreach (var client in clients)
        {
            Assert.Contains(first[client], await FeedAsync(client));
        }

        var results = await host.Experiments.GetResultsAsync(new GetExperimentRequest { Key = "welcome-copy" });
        Assert.Equal(40, results.Variants.Sum(v => v.Exposures));
        Assert.Equal(first.Values.Count(v => v == "welcome-a"), results.Variants[0].Exposures);
    }

    [Fact]
    public async Task AWeightChangeNeverMovesAnAssignedClient()
    {
        await host.Experiments.CreateExperimentAsync(Welcome(50, 50));
        var clients = Enumerable.Range(0, 30).Select(i => $"e-weights-{i}").ToList();
        var before = new Dictionary<string, bool>();
        foreach (var client in clients)
        {
            before[client] = (await FeedAsync(client)).Contains("welcome-b");
        }

        var current = await host.Experiments.GetExperimentAsync(new GetExperimentRequest { Key = "welcome-copy" });
        var changed = Welcome(100, 0);
        changed.Version = current.Version;
        await host.Experiments.UpdateExperimentAsync(changed);

        foreach (var client in clients)
        {
            Assert.Equal(before[client], (await FeedAsync(client)).Contains("welcome-b"));
        }

        Assert.DoesNotContain("welcome-b", await FeedAsync("e-weights-new"));
    }

    [Fact]
    public async Task ConversionsCountOncePerExposedClientWithinTheWindowAndResultsFollowTheDefinitions()
    {
        await host.Experiments.CreateExperimentAsync(Welcome());
        var exposedAt = DateTimeOffset.UtcNow;
        var clients = Enumerable.Range(0, 20).Select(i => $"e-conv-{i}").ToList();
        foreach (var client in clients)
        {
            await FeedAsync(client);
        }

        var eventId = Guid.NewGuid();
        Assert.True((await ConvertAsync(clients[0], exposedAt.AddMinutes(5), eventId)).Counted);
        Assert.True((await ConvertAsync(clients[0], exposedAt.AddMinutes(5), eventId)).Duplicate);
        Assert.False((await ConvertAsync(clients[0], exposedAt.AddMinutes(6))).Counted);
        Assert.True((await ConvertAsync(clients[1], exposedAt.AddMinutes(5))).Counted);
        Assert.False((await ConvertAsync(clients[2], exposedAt.AddDays(8))).Counted);
        Assert.False((await ConvertAsync(clients[3], exposedAt.AddDays(-1))).Counted);
        Assert.False((await ConvertAsync("e-never-exposed", exposedAt)).Counted);

        var results = await host.Experiments.GetResultsAsync(new GetExperimentRequest { Key = "welcome-copy" });
        Assert.Equal(20, results.Variants.Sum(v => v.Exposures));
        Assert.Equal(2, results.Variants.Sum(v => v.Conversions));
        var control = results.Variants[0];
        Assert.Equal((double)control.Conversions / control.Exposures, control.Rate, 9);
        Assert.False(control.HasPValue);
        Assert.True(results.Variants[1].HasPValue);
    }

    [Fact]
    public async Task AConversionThatArrivesBeforeItsExposureCountsWhenTheExposureComes()
    {
        await host.Experiments.CreateExperimentAsync(Welcome());
        Assert.False((await ConvertAsync("e-early", DateTimeOffset.UtcNow.AddMinutes(1))).Counted);

        await FeedAsync("e-early");

        var results = await host.Experiments.GetResultsAsync(new GetExperimentRequest { Key = "welcome-copy" });
        Assert.Equal(1, results.Variants.Sum(v => v.Conversions));
    }

    [Fact]
    public async Task ExposuresAndConversionsArePublishedOnceOnContentEvents()
    {
        await host.Experiments.CreateExperimentAsync(Welcome());
        await FeedAsync("e-events");
        await FeedAsync("e-events");
        await ConvertAsync("e-events", DateTimeOffset.UtcNow.AddMinutes(1));

        var conversion = await KafkaMessages.ConsumeAsync(broker.BootstrapServers, Topics.ContentEvents, 1, TimeSpan.FromSeconds(60),
            m => m.Key == "e-events" && m.Header("event-type") == nameof(ConversionRecorded));
        Assert.Single(conversion);
        var exposures = await KafkaMessages.ConsumeAllAsync(broker.BootstrapServers, Topics.ContentEvents, TimeSpan.FromSeconds(60),
            m => m.Key == "e-events" && m.Header("event-type") == nameof(ExposureRecorded));
        var exposure = ExposureRecorded.Parser.ParseFrom(Assert.Single(exposures).Value);
        Assert.Equal(("welcome-copy", "e-events"), (exposure.ExperimentKey, exposure.ClientId));
    }

    [Fact]
    public async Task AnItemServesOneRunningExperimentAndVariantsStayAsCreated()
    {
        await host.Experiments.CreateExperimentAsync(Welcome());
        var overlapping = new Experiment
        {
            Key = "other", Status = "running", ConversionWindow = "P1D",
            Variants = { new Variant { Name = "a", Weight = 1, ItemId = "welcome-b" }, new Variant { Name = "b", Weight = 1, ItemId = "tips-b" } },
        };
        var errors = await FieldErrorsOf.InvalidArgumentAsync(() => host.Experiments.CreateExperimentAsync(overlapping).ResponseAsync);
        Assert.Contains("running experiment 'welcome-copy'", errors["variants[0].itemId"][0], StringComparison.Ordinal);

        var renamed = Welcome();
        renamed.Variants[1].ItemId = "welcome-c";
        Assert.Contains("variants[1]", (await FieldErrorsOf.InvalidArgumentAsync(() => host.Experiments.UpdateExperimentAsync(renamed).ResponseAsync)).Keys);

        var added = Welcome();
        added.Variants.Add(new Variant { Name = "c", Weight = 10, ItemId = "welcome-c" });
        Assert.Equal(3, (await host.Experiments.UpdateExperimentAsync(added)).Variants.Count);

        var stale = Welcome();
        stale.Version = 1;
        Assert.Equal(StatusCode.Aborted, (await Assert.ThrowsAsync<RpcException>(() => host.Experiments.UpdateExperimentAsync(stale).ResponseAsync)).StatusCode);
    }

    [Fact]
    public async Task AnOperatorLookingAtAClientsFeedRecordsNoExposure()
    {
        await host.Experiments.CreateExperimentAsync(Welcome());
        var asOperator = new FeedService.FeedServiceClient(host.Service.CreateGrpcChannel(Platform.TestSupport.Auth.TestTokens.Operator()));

        var seen = await asOperator.GetFeedAsync(new FeedRequest { ClientId = "e-previewed" });

        Assert.Contains(seen.Items, i => i.Experiment is not null);
        var results = await host.Experiments.GetResultsAsync(new GetExperimentRequest { Key = "welcome-copy" });
        Assert.Equal(0, results.Variants.Sum(v => v.Exposures));
        await FeedAsync("e-previewed");
        Assert.Equal(1, (await host.Experiments.GetResultsAsync(new GetExperimentRequest { Key = "welcome-copy" })).Variants.Sum(v => v.Exposures));
    }

    [Fact]
    public async Task AClientReportsOnlyItsOwnConversions()
    {
        await host.Experiments.CreateExperimentAsync(Welcome());
        var asClient = new ConversionService.ConversionServiceClient(host.Service.CreateGrpcChannel(Platform.TestSupport.Auth.TestTokens.Client("e-me")));
        var error = await Assert.ThrowsAsync<RpcException>(() => asClient.RecordConversionAsync(new ConversionRequest
        {
            EventId = Guid.NewGuid().ToString(), ClientId = "e-someone-else", ExperimentKey = "welcome-copy", OccurredAt = Timestamp.FromDateTime(DateTime.UtcNow),
        }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }
}
