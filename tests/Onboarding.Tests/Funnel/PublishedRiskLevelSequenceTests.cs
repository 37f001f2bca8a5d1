using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Messaging.Envelope;
using Platform.Onboarding.Events;
using Platform.Onboarding.Funnel;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;

namespace Platform.Onboarding.Tests.Funnel;

/// <summary>The risk-level sequence of <see cref="RiskLevelSequenceTests"/> as the service publishes it on onboarding.events.</summary>
public sealed class PublishedRiskLevelSequenceTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private ServiceFactory<OnboardingDbContext> service = null!;

    public async ValueTask InitializeAsync() => service = await OnboardingHost.StartAsync(postgres, redis, broker);

    public async ValueTask DisposeAsync() => await service.DisposeAsync();

    /// <summary>
    /// The steps up to the approval (assessed C3), then a late reassessment down dated before the approval but after the
    /// first assessment (Onboarding takes it as current), then an assessment older than both (Onboarding ignores it). The
    /// sequences grow in the order of the events, the highest carries the current level, and it is built on the version
    /// the database gave the row: a write of the row by another path, which the trigger counts too, keeps it growing.
    /// </summary>
    [Fact]
    public async Task EveryEventThatCarriesTheLevelIsNumberedAboveTheOnesBeforeItAndTheHighestCarriesTheCurrentLevel()
    {
        var onboarding = new OnboardingDriver(service, broker.BootstrapServers);
        var clientId = OnboardingDriver.NewClientId();
        // Recent steps: a stall timer of the steps before the approval cannot come due during the test.
        var start = DateTimeOffset.UtcNow.AddMinutes(-20);
        await onboarding.StepsThroughAsync(clientId, "approved", start);
        var assessedAt = start.AddMinutes(FunnelDefinition.Standard.PositionOf(FunnelStep.RiskAssessed));
        await onboarding.StepAsync(clientId, "risk_assessed", assessedAt.AddSeconds(30), riskLevel: "C2");
        await onboarding.StepAsync(clientId, "risk_assessed", assessedAt.AddSeconds(-30), riskLevel: "C5");

        var published = await onboarding.EverythingPublishedForAsync(clientId);
        var levels = PublishedLevels.Of(published.Select(m => (m.Header(EnvelopeHeaders.EventType) ?? string.Empty, m.Value)));

        PublishedLevels.AssertIncreasing(levels);
        Assert.Single(levels, l => l.Type == nameof(AccountApproved) && l.Level == "C3");
        Assert.Equal((nameof(StepRecorded), "C2"), (levels[^1].Type, levels[^1].Level));
        Assert.DoesNotContain(levels, l => l.Level == "C5");
        await using var scope = service.Services.CreateAsyncScope();
        var version = await scope.ServiceProvider.GetRequiredService<OnboardingDbContext>().ClientFunnels
            .Where(f => f.ClientId == clientId).Select(f => f.Version).SingleAsync();
        Assert.Equal(version, levels[^1].Sequence / StepBatchDecisions.RiskLevelSequencesPerVersion);
    }
}
