using Google.Protobuf;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Content.Grpc;
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

    private async Task PublishAndWaitAsync(params (string Topic, EventEnvelope Envelope)[] events)
    {
        foreach (var (topic, envelope) in events)
        {
            await KafkaMessages.ProduceAsync(broker.BootstrapServers, topic, envelope);
        }

        var ids = events.Select(e => e.Envelope.EventId).ToList();
        await ChildProcess.WaitUntilAsync(async () =>
        {
            using var scope = host.Service.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<ContentDbContext>().Set<InboxMessage>().CountAsync(m => ids.Contains(m.EventId)) == ids.Count;
        }, TimeSpan.FromSeconds(60), "Content handling the events");
    }

    /// <summary>The client's rows in each table Content keeps about clients (<see cref="ClientTables"/>, in that order).</summary>
    private async Task<int[]> RowsAsync(string clientId)
    {
        using var scope = host.Service.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContentDbContext>();
        return await ClientRows.CountAsync(db, ClientTables, clientId);
    }
}
