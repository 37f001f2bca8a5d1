using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;
using Platform.Engagement.Grpc;
using Platform.Messaging;
using Platform.Messaging.Envelope;
using Platform.Onboarding.Events;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Processes;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;

namespace Platform.Engagement.Tests.Timeline;

public sealed class TimelineConsumerTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private ServiceFactory<EngagementDbContext> service = null!;
    private EngagementService.EngagementServiceClient client = null!;

    public async ValueTask InitializeAsync()
    {
        var database = postgres.Server.NewDatabaseConnectionString("engagement");
        service = new ServiceFactory<EngagementDbContext>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:engagementdb"] = database,
            ["ConnectionStrings:redis"] = redis.Server.ConnectionString,
            ["ConnectionStrings:kafka"] = broker.BootstrapServers,
            ["Messaging:ConsumerGroupSuffix"] = "-" + new Npgsql.NpgsqlConnectionStringBuilder(database).Database,
        });
        await service.WaitUntilHealthyAsync();
        client = new EngagementService.EngagementServiceClient(service.CreateGrpcChannel());
    }

    public async ValueTask DisposeAsync() => await service.DisposeAsync();

    [Fact]
    public async Task StepsPublishedByOnboardingAppearOnTheClientsTimelineOnceEachEvenWhenDeliveredTwice()
    {
        var clientId = "c-" + Guid.NewGuid().ToString("N")[..12];
        var registered = Envelope(clientId, "registered", 0);
        var verified = Envelope(clientId, "phone_verified", 3);
        var sentinel = Envelope(clientId, "id_uploaded", 7);

        await KafkaMessages.ProduceAsync(broker.BootstrapServers, Topics.OnboardingEvents, registered, verified, registered, sentinel);

        ClientTimelineReply timeline = null!;
        await ChildProcess.WaitUntilAsync(async () =>
        {
            timeline = await client.GetClientTimelineAsync(new GetClientTimelineRequest { ClientId = clientId });
            return timeline.Events.Any(e => e.EventId == sentinel.EventId.ToString());
        }, TimeSpan.FromSeconds(60), "the sentinel on the timeline");

        // The replayed copy sat before the sentinel on the client's partition, so it has been consumed by now.
        Assert.Equal(["registered", "phone_verified", "id_uploaded"], timeline.Events.Select(e => e.Summary));
        Assert.All(timeline.Events, e => Assert.Equal(nameof(StepRecorded), e.EventType));
        Assert.Equal(registered.EventId.ToString(), timeline.Events[0].EventId);
    }

    [Fact]
    public async Task AStepOfAnErasedClientInTheSameBatchAsAnothersIsDroppedAndTheOtherKept()
    {
        var (erased, kept) = ("c-" + Guid.NewGuid().ToString("N")[..12], "c-" + Guid.NewGuid().ToString("N")[..12]);
        var privacy = new Platform.Engagement.Privacy.Grpc.PrivacyService.PrivacyServiceClient(
            service.CreateGrpcChannel(Platform.TestSupport.Auth.TestTokens.Operator("ops-timeline")));
        await privacy.EraseClientAsync(new Platform.Engagement.Privacy.Grpc.EraseClientRequest { ClientId = erased });

        // Steps in flight when the erasure came: one produce call, so they are likely one batch (and either way).
        var sentinel = Envelope(kept, "phone_verified", 3);
        await KafkaMessages.ProduceAsync(broker.BootstrapServers, Topics.OnboardingEvents, Envelope(erased, "registered", 0), Envelope(kept, "registered", 1),
            Envelope(erased, "phone_verified", 2), sentinel);

        await ChildProcess.WaitUntilAsync(async () => (await client.GetClientTimelineAsync(new GetClientTimelineRequest { ClientId = kept }))
            .Events.Any(e => e.EventId == sentinel.EventId.ToString()), TimeSpan.FromSeconds(60), "the kept client's steps on its timeline");
        using var scope = service.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
        Assert.Equal(0, await db.ObservedEvents.CountAsync(e => e.ClientId == erased));
        Assert.Equal(2, await db.ObservedEvents.CountAsync(e => e.ClientId == kept));
    }

    private static EventEnvelope Envelope(string clientId, string step, int minute)
    {
        var at = new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero).AddMinutes(minute);
        return EventEnvelope.Create(clientId, new StepRecorded
        {
            ClientId = clientId, Funnel = "standard", Step = step, OccurredAt = Timestamp.FromDateTimeOffset(at), Channel = "wecom",
        }, DateTimeOffset.UtcNow, at);
    }
}
