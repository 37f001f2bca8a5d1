using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Engagement.Events;
using Platform.Engagement.Grpc;
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
        // A lifecycle batch inserting the client's first state, not yet committed (batches take no client lock).
        await using var batch = new Npgsql.NpgsqlConnection(database);
        await batch.OpenAsync();
        await using var transaction = await batch.BeginTransactionAsync();
        await using (var insert = new Npgsql.NpgsqlCommand(
            "INSERT INTO client_states (client_id, investments, idle_cash_days, erased, approved_at) VALUES ($1, 3, 0, false, now())", batch, transaction))
        {
            insert.Parameters.AddWithValue(clientId);
            await insert.ExecuteNonQueryAsync();
        }

        var erasing = privacy.EraseClientAsync(new EraseClientRequest { ClientId = clientId }).ResponseAsync;
        // The erasure's write of the state waits for the batch's row; then the batch commits (the review of issue 12 found a 500 here).
        await ChildProcess.WaitUntilAsync(async () => erasing.IsCompleted || await WaitingOnRowLocksAsync() > 0, Deadline, "the erasure waiting for the batch");
        await transaction.CommitAsync();
        var reply = await erasing;

        Assert.False(reply.AlreadyRequested);
        await using var scope = service.Services.CreateAsyncScope();
        var state = await scope.ServiceProvider.GetRequiredService<EngagementDbContext>().ClientStates.AsNoTracking().SingleAsync(s => s.ClientId == clientId);
        Assert.Equal((true, 0, (DateTimeOffset?)null), (state.Erased, state.Investments, state.ApprovedAt));
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

    private async Task<int> WaitingOnRowLocksAsync()
    {
        await using var scope = service.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EngagementDbContext>().Database
            .SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'").SingleAsync();
    }

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
