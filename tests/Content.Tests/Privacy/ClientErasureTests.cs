using Google.Protobuf;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Content.Experiments;
using Platform.Content.Grpc;
using Platform.Content.Selection;
using Platform.Content.Tests.Experiments;
using Platform.Engagement.Events;
using Platform.Messaging;
using Platform.Messaging.Envelope;
using Platform.Messaging.Outbox;
using Platform.Messaging.Privacy;
using Platform.Onboarding.Events;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Processes;
using Platform.TestSupport.Redis;
using Platform.Tiering.Events;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Platform.Content.Tests.Privacy;

/// <summary>Content's part of an erasure: the profile, tags, experiment rows and feed copy gone, and nothing of the client kept again.</summary>
public sealed class ClientErasureTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 2, 0, 0, TimeSpan.Zero);

    private static readonly string[] ClientTables =
        ["client_profiles", "feed_invalidations", "experiment_assignments", "experiment_exposures", "experiment_conversions"];

    private ContentHost host = null!;

    public async ValueTask InitializeAsync() => host = await ContentHost.StartAsync(postgres, redis, broker, "erasure");

    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task AnErasureDeletesTheProfileAndFeedCopyAndTheClientsFeedAndTagsAnswerNotFound()
    {
        var (erased, kept) = (NewClient(), NewClient());
        foreach (var client in new[] { erased, kept })
        {
            await PublishAndWaitAsync(Facts(client));
            await host.Audience.SetClientTagsAsync(new ClientTags { ClientId = client, Tags = { "interest:etf" } });
        }

        Assert.NotEmpty((await host.FeedOf(erased).GetFeedAsync(new FeedRequest { ClientId = erased })).Items); // cached in Redis
        Assert.Equal(1, (await RowsAsync(erased))[0]);

        await PublishAndWaitAsync((Topics.EngagementEvents, Erasure(erased)));

        Assert.All(await RowsAsync(erased), count => Assert.Equal(0, count));
        await AssertNotFoundAsync(host.FeedOf(erased).GetFeedAsync(new FeedRequest { ClientId = erased }).ResponseAsync);
        await AssertNotFoundAsync(host.Audience.GetClientTagsAsync(new ClientTagsRequest { ClientId = erased }).ResponseAsync);
        await AssertNotFoundAsync(host.Audience.SetClientTagsAsync(new ClientTags { ClientId = erased, Tags = { "interest:etf" } }).ResponseAsync);
        Assert.All(await RowsAsync(erased), count => Assert.Equal(0, count));
        Assert.Equal(["interest:etf"], (await host.Audience.GetClientTagsAsync(new ClientTagsRequest { ClientId = kept })).Tags);
    }

    [Fact]
    public async Task FactsOfAnErasedClientStillInFlightReCreateNoProfileAndASecondErasureIsHarmless()
    {
        var client = NewClient();
        await PublishAndWaitAsync((Topics.EngagementEvents, Erasure(client)));
        await PublishAndWaitAsync((Topics.EngagementEvents, Erasure(client)));

        // After both erasures, so that neither could delete what these leave behind.
        await PublishAndWaitAsync(Facts(client));

        Assert.All(await RowsAsync(client), count => Assert.Equal(0, count));
        await AssertNotFoundAsync(host.FeedOf(client).GetFeedAsync(new FeedRequest { ClientId = client }).ResponseAsync);
        using var scope = host.Service.Services.CreateScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ContentDbContext>().Set<ErasedClient>().CountAsync(e => e.ClientId == client));
    }

    /// <summary>
    /// Nothing re-creates an erased client's experiment rows or events: SelectContent gives it no words (and draws nothing),
    /// a sent outreach's arm records no exposure, and a draw or an exposure racing the erasure (a feed read that loaded the
    /// profile before the erasure committed, played here through the gate and the recorder themselves) writes nothing.
    /// </summary>
    [Fact]
    public async Task AnErasedClientGetsNoWordsNoDrawNoExposureAndNothingPublished()
    {
        await PushCopy.CreateAsync(host);
        foreach (var item in new[] { "erase-a", "erase-b" })
        {
            await host.Catalog.CreateItemAsync(ExperimentScenario.Item(item));
        }

        // Plain words for the moment too, which any known client would be given.
        var plainWords = ExperimentScenario.Item("erase-words");
        plainWords.Priority = 10;
        plainWords.Moments.Add(PushCopy.Moment);
        plainWords.Channels.Add(PushCopy.Channel);
        await host.Catalog.CreateItemAsync(plainWords);

        await host.Experiments.CreateExperimentAsync(ExperimentScenario.Welcome(key: "feed-copy", control: "erase-a", b: "erase-b"));
        var client = NewClient();
        await PublishAndWaitAsync(Facts(client));
        await PublishAndWaitAsync((Topics.EngagementEvents, Erasure(client)));

        var words = await host.Selection.SelectContentAsync(new SelectContentRequest
        {
            ClientId = client, Moment = PushCopy.Moment, Channel = PushCopy.Channel,
        });
        Assert.Equal((false, SelectionGrpcService.NoContent), (words.Found, words.Reason));
        await AssertNotFoundAsync(host.FeedOf(client).GetFeedAsync(new FeedRequest { ClientId = client }).ResponseAsync);
        await PublishAndWaitAsync((Topics.EngagementEvents,
            PushCopy.Decided(client, "sent", new Grpc.ExperimentArm { Key = "push-copy", Variant = "b" }, DateTimeOffset.UtcNow)));
        using (var scope = host.Service.Services.CreateScope())
        {
            var snapshot = await scope.ServiceProvider.GetRequiredService<CatalogCache>().GetAsync(default);
            await scope.ServiceProvider.GetRequiredService<IExperimentGates>()
                .ForClientAsync(snapshot, ClientView.Unknown(client), SelectionRequest.Feed, DateTimeOffset.UtcNow, assign: true, default);
            await scope.ServiceProvider.GetRequiredService<ExposureRecorder>().RecordAsync(snapshot, client, [("erase-b", "feed-copy", "b")], default);
        }

        Assert.All(await RowsAsync(client), count => Assert.Equal(0, count));
        await ChildProcess.WaitUntilAsync(async () =>
        {
            using var scope = host.Service.Services.CreateScope();
            return !await scope.ServiceProvider.GetRequiredService<ContentDbContext>().Set<OutboxMessage>().AnyAsync();
        }, TimeSpan.FromSeconds(60), "Content's outbox published");
        Assert.Empty(await KafkaMessages.ConsumeAllAsync(broker.BootstrapServers, Topics.ContentEvents, TimeSpan.FromSeconds(60), m => m.Key == client));
    }

    private static (string Topic, EventEnvelope Envelope)[] Facts(string clientId) =>
    [
        (Topics.OnboardingEvents, Envelope(clientId, new AccountApproved
        {
            ClientId = clientId, OccurredAt = At(20), RiskLevel = "C4", Channel = "short_video", RiskLevelSequence = 1,
        })),
        (Topics.TieringEvents, Envelope(clientId, new TierChanged { ClientId = clientId, FromTier = "V0", ToTier = "V3", OccurredAt = At(40) })),
    ];

    private static EventEnvelope Erasure(string clientId)
    {
        var now = DateTimeOffset.UtcNow;
        return Envelope(clientId, new ClientErased { ClientId = clientId, ErasedAt = Timestamp.FromDateTimeOffset(now) });
    }

    private static EventEnvelope Envelope(string clientId, IMessage message) => EventEnvelope.Create(clientId, message, DateTimeOffset.UtcNow);

    private static Timestamp At(int minutes) => Timestamp.FromDateTimeOffset(T0.AddMinutes(minutes));

    private static string NewClient() => "c-" + Guid.NewGuid().ToString("N")[..12];

    private static async Task AssertNotFoundAsync(Task call) =>
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => call)).StatusCode);

    private Task PublishAndWaitAsync(params (string Topic, EventEnvelope Envelope)[] events) => host.PublishAndWaitAsync(broker.BootstrapServers, events);

    /// <summary>The client's rows in each table Content keeps about clients (<see cref="ClientTables"/>, in that order).</summary>
    private async Task<int[]> RowsAsync(string clientId)
    {
        using var scope = host.Service.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContentDbContext>();
        return await ClientRows.CountAsync(db, ClientTables, clientId);
    }
}
