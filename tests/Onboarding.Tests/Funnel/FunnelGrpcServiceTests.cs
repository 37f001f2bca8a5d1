using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Messaging;
using Platform.Messaging.Envelope;
using Platform.Onboarding.Events;
using Platform.Onboarding.Grpc;
using Platform.Onboarding.Stalls;
using Platform.ServiceDefaults;
using Platform.TestSupport.Auth;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;

namespace Platform.Onboarding.Tests.Funnel;

public sealed class FunnelGrpcServiceTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private ServiceFactory<OnboardingDbContext> service = null!;
    private OnboardingService.OnboardingServiceClient client = null!;

    public async ValueTask InitializeAsync()
    {
        service = await OnboardingHost.StartAsync(postgres, redis, broker);
        client = new OnboardingService.OnboardingServiceClient(service.CreateGrpcChannel());
    }

    public async ValueTask DisposeAsync() => await service.DisposeAsync();

    [Fact]
    public async Task ARecordedStepIsReadBackAsProgressAndPublishedOnOnboardingEvents()
    {
        var clientId = NewClientId();
        await client.RecordStepAsync(Step(clientId, "registered", minute: 0));
        var reply = await client.RecordStepAsync(Step(clientId, "phone_verified", minute: 2));

        Assert.Equal("in_progress", reply.Status);
        Assert.Equal("phone_verified", reply.CurrentStep);
        Assert.Equal("id_uploaded", reply.NextStep);
        Assert.False(reply.Duplicate);

        var progress = await client.GetProgressAsync(new GetProgressRequest { ClientId = clientId });
        Assert.Equal(["registered", "phone_verified"], progress.CompletedSteps);
        Assert.Equal("standard", progress.Funnel);
        Assert.Equal(Minute(2), progress.LastActivityAt);

        // Of this client's events, the steps only: its stall timer (the steps are dated in the past) may fire in between.
        var published = await KafkaMessages.ConsumeAsync(broker.BootstrapServers, Topics.OnboardingEvents, 2, TimeSpan.FromSeconds(30),
            m => m.Key == clientId && m.Header(EnvelopeHeaders.EventType) == nameof(StepRecorded));
        var events = published.Select(m => StepRecorded.Parser.ParseFrom(m.Value)).ToList();
        Assert.Equal(["registered", "phone_verified"], events.Select(e => e.Step));
        Assert.Equal("short_video", events[1].Channel);
        Assert.Equal(Minute(0), events[1].RegisteredAt);
    }

    [Fact]
    public async Task ReplayingAnEventIdReturnsTheFirstAnswerMarkedDuplicateAndChangesNothing()
    {
        var clientId = NewClientId();
        var first = Step(clientId, "id_uploaded", minute: 5);
        await client.RecordStepAsync(first);
        await client.RecordStepAsync(Step(clientId, "id_verified", minute: 6));

        var replay = await client.RecordStepAsync(first);

        Assert.True(replay.Duplicate);
        Assert.Equal("id_uploaded", replay.CurrentStep);
        var progress = await client.GetProgressAsync(new GetProgressRequest { ClientId = clientId });
        Assert.Equal("id_verified", progress.CurrentStep);
        Assert.Equal(["id_uploaded", "id_verified"], progress.CompletedSteps);
    }

    [Fact]
    public async Task AnEventIdAnotherClientUsedRecordsThisClientsStepAndLeaksNoAnswer()
    {
        var (first, second) = (NewClientId(), NewClientId());
        var step = Step(first, "registered", minute: 0);
        await client.RecordStepAsync(step);
        await client.RecordStepAsync(Step(first, "phone_verified", minute: 1));

        var other = await client.RecordStepAsync(new RecordStepRequest(step) { ClientId = second });
        var replay = await client.RecordStepAsync(step);

        Assert.Equal((second, "registered", false), (other.ClientId, other.CurrentStep, other.Duplicate));
        Assert.Equal((first, "registered", true), (replay.ClientId, replay.CurrentStep, replay.Duplicate));
        Assert.Equal(["registered"], (await client.GetProgressAsync(new GetProgressRequest { ClientId = second })).CompletedSteps);
    }

    [Fact]
    public async Task ApprovalFromAClientAppIsRefused()
    {
        var clientId = NewClientId();
        var asClient = new OnboardingService.OnboardingServiceClient(service.CreateGrpcChannel(TestTokens.Client(clientId)));

        var error = await Assert.ThrowsAsync<RpcException>(() => asClient.RecordStepAsync(Step(clientId, "approved", minute: 1)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task ALateRejectionOfAnApprovedAccountIsAcceptedAndChangesNothing()
    {
        var onboarding = new OnboardingDriver(service, broker.BootstrapServers);
        var clientId = NewClientId();
        // Recent steps: a stall timer of the steps before the approval cannot come due during the test.
        var approvedAt = DateTimeOffset.UtcNow.AddMinutes(-3);
        await onboarding.StepsThroughAsync(clientId, "approved", approvedAt.AddMinutes(-12));

        var older = await onboarding.StepAsync(clientId, "rejected", approvedAt.AddMinutes(-30), backToStep: "id_uploaded");
        var newer = await onboarding.StepAsync(clientId, "rejected", approvedAt.AddMinutes(2), backToStep: "id_uploaded");

        Assert.Equal([("approved", "approved", false), ("approved", "approved", false)],
            new[] { older, newer }.Select(r => (r.Status, r.CurrentStep, r.Duplicate)));
        Assert.Equal("approved", (await onboarding.ProgressAsync(clientId)).Status);
        var all = await onboarding.EverythingPublishedForAsync(clientId);
        Assert.DoesNotContain(all, m => m.Header(EnvelopeHeaders.EventType) is nameof(ApplicationRejected) or nameof(ProspectStalled));
        Assert.Single(all, m => m.Header(EnvelopeHeaders.EventType) == nameof(AccountApproved));
        await using var scope = service.Services.CreateAsyncScope();
        var timers = await scope.ServiceProvider.GetRequiredService<OnboardingDbContext>().Set<FunnelTimer>()
            .Where(t => t.ClientId == clientId).Select(t => t.Kind).ToListAsync();
        Assert.Equal([TimerKind.Dormant], timers);
    }

    [Fact]
    public async Task ARiskLevelFromAClientAppIsRefusedAndRecordsNothing()
    {
        var request = Step(NewClientId(), "risk_assessed", minute: 1);
        request.RiskLevel = "C5";
        var asClient = new OnboardingService.OnboardingServiceClient(service.CreateGrpcChannel(TestTokens.Client(request.ClientId)));

        var error = await Assert.ThrowsAsync<RpcException>(() => asClient.RecordStepAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() =>
            client.GetProgressAsync(new GetProgressRequest { ClientId = request.ClientId }).ResponseAsync)).StatusCode);
    }

    [Fact]
    public async Task AClientAppRecordsTheAssessmentWithoutALevelAndTheCoreSystemsLevelTravelsWithTheApproval()
    {
        var clientId = NewClientId();
        var fromApp = Step(clientId, "risk_assessed", minute: 1);
        var asClient = new OnboardingService.OnboardingServiceClient(service.CreateGrpcChannel(TestTokens.Client(clientId)));
        var fromCore = Step(clientId, "risk_assessed", minute: 2);
        fromCore.RiskLevel = "C4";

        Assert.Equal("risk_assessed", (await asClient.RecordStepAsync(fromApp)).CurrentStep);
        await client.RecordStepAsync(fromCore);
        await client.RecordStepAsync(Step(clientId, "approved", minute: 3));

        var approved = await KafkaMessages.ConsumeAsync(broker.BootstrapServers, Topics.OnboardingEvents, 1, TimeSpan.FromSeconds(30),
            m => m.Key == clientId && m.Header(EnvelopeHeaders.EventType) == nameof(AccountApproved));
        Assert.Equal("C4", AccountApproved.Parser.ParseFrom(approved[0].Value).RiskLevel);
    }

    [Fact]
    public async Task AnUnknownStepIsRejectedWithTheFieldNamed()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => client.RecordStepAsync(Step(NewClientId(), "opened", 1)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var fieldErrors = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string[]>>(error.Trailers.GetValueBytes(GrpcFieldErrors.Trailer));
        Assert.Contains("step", fieldErrors!.Keys);
        Assert.Contains("id_uploaded", fieldErrors["step"][0]);
    }

    [Fact]
    public async Task ProgressOfAnUnknownClientIsNotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetProgressAsync(new GetProgressRequest { ClientId = NewClientId() }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    private static string NewClientId() => "c-" + Guid.NewGuid().ToString("N")[..12];

    private static Timestamp Minute(int minute) =>
        Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero).AddMinutes(minute));

    private static RecordStepRequest Step(string clientId, string step, int minute) => new()
    {
        EventId = Guid.CreateVersion7().ToString(),
        ClientId = clientId,
        Funnel = "standard",
        Step = step,
        OccurredAt = Minute(minute),
        Channel = "short_video",
        Campaign = "double11",
        Device = "ios",
        Attempt = 1,
    };
}
