using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Engagement.Events;
using Platform.Engagement.Grpc;
using Platform.Engagement.Lifecycle;
using Platform.Engagement.Privacy;
using Platform.Engagement.Privacy.Grpc;
using Platform.Messaging;
using Platform.Messaging.Envelope;
using Platform.Onboarding.Events;
using Platform.TestSupport.Auth;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Processes;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Platform.Engagement.Tests.Privacy;

/// <summary>Engagement's part of an erasure: the request recorded once, ClientErased published once, its timeline gone for good.</summary>
public sealed class EraseClientTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private ServiceFactory<EngagementDbContext> service = null!;
    private string database = null!;
    private EngagementService.EngagementServiceClient timeline = null!;
    private PrivacyService.PrivacyServiceClient privacy = null!;

    public async ValueTask InitializeAsync()
    {
        database = postgres.Server.NewDatabaseConnectionString("engagement");
        service = new ServiceFactory<EngagementDbContext>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:engagementdb"] = database,
            ["ConnectionStrings:redis"] = redis.Server.ConnectionString,
            ["ConnectionStrings:kafka"] = broker.BootstrapServers,
            ["Messaging:ConsumerGroupSuffix"] = "-" + new Npgsql.NpgsqlConnectionStringBuilder(database).Database,
        });
        await service.WaitUntilHealthyAsync();
        timeline = new EngagementService.EngagementServiceClient(service.CreateGrpcChannel());
        privacy = new PrivacyService.PrivacyServiceClient(service.CreateGrpcChannel(TestTokens.Operator("ops-privacy")));
    }

    public async ValueTask DisposeAsync() => await service.DisposeAsync();

    [Fact]
    public async Task AnErasureDeletesTheTimelinePublishesClientErasedOnceAndASecondOneChangesNothing()
    {
        var clientId = "c-" + Guid.NewGuid().ToString("N")[..12];
        var registered = Step(clientId, "registered", 0);
        await KafkaMessages.ProduceAsync(broker.BootstrapServers, Topics.OnboardingEvents, registered);
        await ChildProcess.WaitUntilAsync(async () => (await TimelineOf(clientId)).Count == 1, Deadline, "the step on the timeline");

        var first = await privacy.EraseClientAsync(new EraseClientRequest { ClientId = clientId });
        Assert.False(first.AlreadyRequested);
        Assert.Empty(await TimelineOf(clientId));

        var second = await privacy.EraseClientAsync(new EraseClientRequest { ClientId = clientId });
        Assert.True(second.AlreadyRequested);
        Assert.Equal(first.RequestedAt, second.RequestedAt);

        // Both requests answered, so any outbox row of theirs is committed: once the relay drained the outbox, the topic holds all of them.
        await ChildProcess.WaitUntilAsync(async () => await OutboxRowsAsync() == 0, Deadline, "the outbox drained");
        var published = await KafkaMessages.ConsumeAllAsync(broker.BootstrapServers, Topics.EngagementEvents, Deadline,
            m => m.Key == clientId && m.Header(EnvelopeHeaders.EventType) == nameof(ClientErased));
        var erased = Assert.Single(published);
        Assert.Equal(clientId, ClientErased.Parser.ParseFrom(erased.Value).ClientId);

        await using var scope = service.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<EngagementDbContext>().ClientErasures.SingleAsync(e => e.ClientId == clientId);
        Assert.Equal("ops-privacy", stored.RequestedBy);
        Assert.Equal([clientId], await scope.ServiceProvider.GetRequiredService<ErasedClients>().AmongAsync([clientId, "c-never-erased"], default));
    }

    [Fact]
    public async Task AStepOfAnErasedClientStillInFlightLeavesNothingOnItsTimeline()
    {
        var clientId = "c-" + Guid.NewGuid().ToString("N")[..12];
        await privacy.EraseClientAsync(new EraseClientRequest { ClientId = clientId });

        var late = Step(clientId, "phone_verified", 5);
        await KafkaMessages.ProduceAsync(broker.BootstrapServers, Topics.OnboardingEvents, late);
        await ChildProcess.WaitUntilAsync(() => HandledAsync(late.EventId), Deadline, "the late step handled");

        Assert.Empty(await TimelineOf(clientId));
    }

    [Fact]
    public async Task AnErasureRacingTheClientsFirstLifecycleBatchAnswersAndLeavesOnlyTheErasedMark()
    {
        var clientId = "c-" + Guid.NewGuid().ToString("N")[..12];
        // A lifecycle batch holding the client (its lock, and its first state inserted and changed), not yet committed.
        await using var batchScope = service.Services.CreateAsyncScope();
        var batchDb = batchScope.ServiceProvider.GetRequiredService<EngagementDbContext>();
        var store = batchScope.ServiceProvider.GetRequiredService<ClientStateStore>();
        await using var batch = await batchDb.Database.BeginTransactionAsync();
        var states = await store.LockAsync([clientId], CancellationToken.None);
        (states[clientId].Investments, states[clientId].ApprovedAt) = (3, DateTimeOffset.UtcNow);
        await store.SaveAsync(states.Values, CancellationToken.None);

        var erasing = privacy.EraseClientAsync(new EraseClientRequest { ClientId = clientId }).ResponseAsync;
        // The erasure waits for the batch's client lock; then the batch commits (the review of issue 12 found a 500 here when
        // the batch held only the row).
        await ChildProcess.WaitUntilAsync(async () => erasing.IsCompleted || await LockWaits.CountAsync(database, "advisory") > 0, Deadline,
            "the erasure waiting for the batch");
        Assert.False(erasing.IsCompleted, "the erasure went ahead while a batch held the client");
        await batch.CommitAsync();
        var reply = await erasing;

        Assert.False(reply.AlreadyRequested);
        await using var scope = service.Services.CreateAsyncScope();
        var state = await scope.ServiceProvider.GetRequiredService<EngagementDbContext>().ClientStates.AsNoTracking().SingleAsync(s => s.ClientId == clientId);
        Assert.Equal((true, 0, (DateTimeOffset?)null), (state.Erased, state.Investments, state.ApprovedAt));
    }

    [Fact]
    public async Task ALifecycleBatchAfterAnErasureReadsTheErasedMark()
    {
        var clientId = "c-" + Guid.NewGuid().ToString("N")[..12];
        await privacy.EraseClientAsync(new EraseClientRequest { ClientId = clientId });

        await using var scope = service.Services.CreateAsyncScope();
        await using var batch = await scope.ServiceProvider.GetRequiredService<EngagementDbContext>().Database.BeginTransactionAsync();
        var states = await scope.ServiceProvider.GetRequiredService<ClientStateStore>().LockAsync([clientId], CancellationToken.None);

        Assert.True(states[clientId].Erased);
    }

    [Fact]
    public async Task OnlyOperatorsMayEraseAndTheClientIdIsRequired()
    {
        var asSystem = new PrivacyService.PrivacyServiceClient(service.CreateGrpcChannel(TestTokens.System()));
        var asClient = new PrivacyService.PrivacyServiceClient(service.CreateGrpcChannel(TestTokens.Client("c-1")));

        Assert.Equal(StatusCode.PermissionDenied,
            (await Assert.ThrowsAsync<RpcException>(() => asSystem.EraseClientAsync(new EraseClientRequest { ClientId = "c-1" }).ResponseAsync)).StatusCode);
        Assert.Equal(StatusCode.PermissionDenied,
            (await Assert.ThrowsAsync<RpcException>(() => asClient.EraseClientAsync(new EraseClientRequest { ClientId = "c-1" }).ResponseAsync)).StatusCode);
        Assert.Equal(StatusCode.InvalidArgument,
            (await Assert.ThrowsAsync<RpcException>(() => privacy.EraseClientAsync(new EraseClientRequest()).ResponseAsync)).StatusCode);
    }

    private async Task<IReadOnlyList<Grpc.ObservedEvent>> TimelineOf(string clientId) =>
        (await timeline.GetClientTimelineAsync(new GetClientTimelineRequest { ClientId = clientId })).Events;

    private async Task<int> OutboxRowsAsync()
    {
        await using var scope = service.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EngagementDbContext>().Database
            .SqlQueryRaw<int>($"SELECT count(*)::int AS \"Value\" FROM {MessagingModelBuilderExtensions.OutboxTable}").SingleAsync();
    }

    private async Task<bool> HandledAsync(Guid eventId)
    {
        await using var scope = service.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EngagementDbContext>().Database
            .SqlQueryRaw<bool>($"SELECT EXISTS (SELECT 1 FROM {MessagingModelBuilderExtensions.InboxTable} WHERE event_id = {{0}}) AS \"Value\"", eventId)
            .SingleAsync();
    }

    private static EventEnvelope Step(string clientId, string step, int minute)
    {
        var at = new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero).AddMinutes(minute);
        return EventEnvelope.Create(clientId, new StepRecorded
        {
            ClientId = clientId, Funnel = "standard", Step = step, OccurredAt = Timestamp.FromDateTimeOffset(at), Channel = "wecom",
        }, DateTimeOffset.UtcNow, at);
    }
}
