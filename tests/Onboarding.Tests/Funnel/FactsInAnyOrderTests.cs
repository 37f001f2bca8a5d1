using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Onboarding.Funnel;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;

namespace Platform.Onboarding.Tests.Funnel;

/// <summary>
/// Issue 10 item 1 through the step path: the facts that decide (the assessment's and the submission's dates)
/// are stored with the row, so a late fact arriving in a later batch is judged against them.
/// </summary>
public sealed class FactsInAnyOrderTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);

    // The facts happened an hour before the clock: none is in the future.
    private static readonly DateTimeOffset T0 = Now.AddHours(-1);

    private TestSupport.Services.ServiceFactory<OnboardingDbContext> service = null!;
    private OnboardingDriver onboarding = null!;

    public async ValueTask InitializeAsync()
    {
        service = await OnboardingHost.StartAsync(
            postgres.Server.NewDatabaseConnectionString("anyorder"), redis.Server.ConnectionString, broker.BootstrapServers, new FakeTimeProvider(Now));
        onboarding = new OnboardingDriver(service, broker.BootstrapServers);
    }

    public async ValueTask DisposeAsync() => await service.DisposeAsync();

    [Fact]
    public async Task AnOlderAssessmentRecordedInALaterBatchDoesNotReplaceTheStoredLevel()
    {
        var clientId = OnboardingDriver.NewClientId();
        await onboarding.StepAsync(clientId, "registered", T0);
        await onboarding.StepAsync(clientId, "risk_assessed", T0.AddMinutes(9), riskLevel: "C4");

        await onboarding.StepAsync(clientId, "risk_assessed", T0.AddMinutes(5), riskLevel: "C2");

        var stored = await StoredAsync(clientId);
        Assert.Equal(("C4", T0.AddMinutes(9)), (stored.RiskLevel, stored.RiskAssessedAt));
    }

    [Fact]
    public async Task ASecondTapOnSubmitRecordedBeforeAnOlderRejectionDoesNotSwallowIt()
    {
        // The automated check rejects @23 while the client taps submit again @23.5 (a new event id); the tap arrives first.
        var clientId = OnboardingDriver.NewClientId();
        await onboarding.StepAsync(clientId, "registered", T0);
        await onboarding.StepAsync(clientId, "submitted", T0.AddMinutes(20));
        await onboarding.StepAsync(clientId, "submitted", T0.AddMinutes(23.5));

        var reply = await onboarding.StepAsync(clientId, "rejected", T0.AddMinutes(23), backToStep: "id_uploaded");

        Assert.Equal(("rejected", "id_uploaded"), (reply.Status, reply.CurrentStep));
        var all = await onboarding.EverythingPublishedForAsync(clientId);
        var rejected = Assert.Single(all, m => m.Header("event-type") == nameof(Events.ApplicationRejected));
        Assert.Equal(1, Events.ApplicationRejected.Parser.ParseFrom(rejected.Value).Resubmissions);
        var stored = await StoredAsync(clientId);
        Assert.Equal((FunnelStatus.Rejected, true, T0.AddMinutes(20)), (stored.Status, stored.InRework, stored.LastSubmittedAt!.Value));
    }

    [Fact]
    public async Task ASubmissionDatedAheadOfTheServiceClockCannotCancelARejectionDecidedAfterIt()
    {
        var clientId = OnboardingDriver.NewClientId();
        await onboarding.StepAsync(clientId, "registered", Now.AddMinutes(-30));
        await onboarding.StepAsync(clientId, "submitted", Now.AddMinutes(-20));
        await onboarding.StepAsync(clientId, "rejected", Now.AddMinutes(-10), backToStep: "id_uploaded");
        // A phone whose clock runs four minutes fast resubmits (the service's clock says Now); the back office rejects again at Now.
        await onboarding.StepAsync(clientId, "submitted", Now.AddMinutes(4));

        var reply = await onboarding.StepAsync(clientId, "rejected", Now, backToStep: "id_uploaded");

        Assert.Equal(("rejected", "id_uploaded"), (reply.Status, reply.CurrentStep));
    }

    [Fact]
    public async Task ASecondTapOnSubmitASubmissionAfterTheApprovalOrTheSameLevelAgainPublishesNoSecondStep()
    {
        var clientId = OnboardingDriver.NewClientId();
        await onboarding.StepAsync(clientId, "registered", T0);
        await onboarding.StepAsync(clientId, "risk_assessed", T0.AddMinutes(5), riskLevel: "C3");
        await onboarding.StepAsync(clientId, "submitted", T0.AddMinutes(10));
        await onboarding.StepAsync(clientId, "risk_assessed", T0.AddMinutes(11), riskLevel: "C3"); // the core system sends the level again
        await onboarding.StepAsync(clientId, "submitted", T0.AddMinutes(12)); // a second tap, a new event id
        await onboarding.StepAsync(clientId, "approved", T0.AddMinutes(20));

        var reply = await onboarding.StepAsync(clientId, "submitted", T0.AddMinutes(25));

        Assert.Equal(("approved", "approved"), (reply.Status, reply.CurrentStep));
        var all = await onboarding.EverythingPublishedForAsync(clientId);
        Assert.Equal(["registered", "risk_assessed", "submitted", "approved"], StepsRecorded(all));
        Assert.Single(all, m => m.Header("event-type") == nameof(Events.AccountApproved));
        // The assessment's date, which judges later assessments, still moved, silently; the repeated submissions moved nothing.
        var stored = await StoredAsync(clientId);
        Assert.Equal((T0.AddMinutes(10), T0.AddMinutes(11), T0.AddMinutes(20)), (stored.LastSubmittedAt!.Value, stored.RiskAssessedAt!.Value, stored.LastActivityAt));
    }

    [Fact]
    public async Task AResubmissionAfterARejectionIsPublishedAsANewStep()
    {
        var clientId = OnboardingDriver.NewClientId();
        await onboarding.StepAsync(clientId, "registered", T0);
        await onboarding.StepAsync(clientId, "submitted", T0.AddMinutes(10));
        await onboarding.StepAsync(clientId, "rejected", T0.AddMinutes(15), backToStep: "submitted");

        var reply = await onboarding.StepAsync(clientId, "submitted", T0.AddMinutes(20));

        Assert.Equal("submitted", reply.Status);
        var all = await onboarding.EverythingPublishedForAsync(clientId);
        Assert.Equal(["registered", "submitted", "rejected", "submitted"], StepsRecorded(all));
        Assert.Single(all, m => m.Header("event-type") == nameof(Events.ApplicationRejected));
    }

    private static List<string> StepsRecorded(IEnumerable<Platform.TestSupport.Kafka.ConsumedMessage> published) =>
        [.. published.Where(m => m.Header("event-type") == nameof(Events.StepRecorded)).Select(m => Events.StepRecorded.Parser.ParseFrom(m.Value).Step)];

    private async Task<ClientFunnel> StoredAsync(string clientId)
    {
        await using var scope = service.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OnboardingDbContext>().ClientFunnels.AsNoTracking().SingleAsync(f => f.ClientId == clientId);
    }
}
