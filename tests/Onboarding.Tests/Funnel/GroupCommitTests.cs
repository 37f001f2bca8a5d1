using Microsoft.Extensions.DependencyInjection;
using Platform.Onboarding.Events;
using Platform.Onboarding.Funnel;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;

namespace Platform.Onboarding.Tests.Funnel;

public sealed class GroupCommitTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddHours(-3);
    private ServiceFactory<OnboardingDbContext> service = null!;

    public async ValueTask InitializeAsync() => service = await OnboardingHost.StartAsync(postgres, redis, broker);

    public async ValueTask DisposeAsync() => await service.DisposeAsync();

    [Fact]
    public async Task ABatchAppliesItsStepsInOrderAnswersReplaysInsideItAndFailsABadStepAlone()
    {
        var (a, b) = (OnboardingDriver.NewClientId(), OnboardingDriver.NewClientId());
        var replayed = Command(a, FunnelStep.PhoneVerified, 1);
        StepCommand[] batch =
        [
            Command(a, FunnelStep.Registered, 0), replayed, Command(b, FunnelStep.Registered, 0), replayed,
            Command(b, FunnelStep.IdUploaded, 2) with { FunnelName = "premium" }, Command(a, FunnelStep.IdUploaded, 2),
        ];

        await using var scope = service.Services.CreateAsyncScope();
        var results = await scope.ServiceProvider.GetRequiredService<FunnelStore>().RecordBatchAsync(batch, TestContext.Current.CancellationToken);

        Assert.Equal(["registered", "phone_verified", "registered", "phone_verified", null, "id_uploaded"], results.Select(r => r.Outcome?.CurrentStep));
        Assert.Equal([false, false, false, true, false, false], results.Select(r => r.Outcome?.Duplicate ?? false));
        Assert.Equal("funnel", results[4].Error!.Field);
        var onboarding = new OnboardingDriver(service, broker.BootstrapServers);
        Assert.Equal(["registered", "phone_verified", "id_uploaded"], (await onboarding.ProgressAsync(a)).CompletedSteps);
        var published = (await onboarding.EverythingPublishedForAsync(a)).Where(m => m.Header("event-type") == nameof(StepRecorded));
        Assert.Equal(["registered", "phone_verified", "id_uploaded"], published.Select(m => StepRecorded.Parser.ParseFrom(m.Value).Step));
    }

    [Fact]
    public async Task OneEventIdUsedByTwoClientsInOneBatchRecordsBothAndAReplayInsideItIsADuplicate()
    {
        var (a, b) = (OnboardingDriver.NewClientId(), OnboardingDriver.NewClientId());
        var shared = Command(a, FunnelStep.Registered, 0);
        StepCommand[] batch = [shared, shared with { ClientId = b }, shared];

        await using var scope = service.Services.CreateAsyncScope();
        var results = await scope.ServiceProvider.GetRequiredService<FunnelStore>().RecordBatchAsync(batch, TestContext.Current.CancellationToken);

        Assert.Equal([(a, false), (b, false), (a, true)], results.Select(r => (r.Outcome!.ClientId, r.Outcome.Duplicate)));
        var onboarding = new OnboardingDriver(service, broker.BootstrapServers);
        Assert.Equal(["registered"], (await onboarding.ProgressAsync(b)).CompletedSteps);
    }

    [Fact]
    public async Task ConcurrentStepsOfManyClientsAreEachRecordedAndPublishedOnce()
    {
        var onboarding = new OnboardingDriver(service, broker.BootstrapServers);
        var clients = Enumerable.Range(0, 40).Select(_ => OnboardingDriver.NewClientId()).ToArray();

        await Task.WhenAll(clients.Select(async client =>
        {
            await onboarding.StepAsync(client, "registered", T0);
            await Task.WhenAll(onboarding.StepAsync(client, "phone_verified", T0.AddMinutes(1)), onboarding.StepAsync(client, "id_uploaded", T0.AddMinutes(2)));
        }));

        foreach (var client in clients)
        {
            Assert.Equal("id_uploaded", (await onboarding.ProgressAsync(client)).CurrentStep);
        }

        var published = await onboarding.EverythingPublishedForAsync(clients);
        Assert.All(clients, client => Assert.Equal(3, published[client].Count(m => m.Header("event-type") == nameof(StepRecorded))));
    }

    private static StepCommand Command(string clientId, FunnelStep step, int minute) =>
        new(clientId, "standard", new StepReport(Guid.CreateVersion7(), step, T0.AddMinutes(minute), "wecom", "batch", "ios", 1));
}
