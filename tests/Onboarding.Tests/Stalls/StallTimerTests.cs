using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Onboarding.Events;
using Platform.Onboarding.Stalls;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;

namespace Platform.Onboarding.Tests.Stalls;

/// <summary>Breakpoint recall on durable timers, driven by a fake clock.</summary>
public sealed class StallTimerTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AProspectWithoutProgressStallsAtEachThresholdOnceAndANewStepStartsANewEpisode()
    {
        var clock = new FakeTimeProvider(T0);
        await using var service = await StartAsync(clock);
        var onboarding = new OnboardingDriver(service, broker.BootstrapServers);
        var clientId = OnboardingDriver.NewClientId();
        await onboarding.StepAsync(clientId, "registered", T0);

        clock.Advance(TimeSpan.FromMinutes(31));
        await onboarding.EventsOnFakeTimeAsync(clientId, nameof(ProspectStalled), 1, clock);
        var progress = await onboarding.ProgressAsync(clientId);
        Assert.Equal("stalled", progress.Status);
        Assert.Equal(T0, progress.StalledSince.ToDateTimeOffset());

        clock.SetUtcNow(T0 + TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        await onboarding.EventsOnFakeTimeAsync(clientId, nameof(ProspectStalled), 2, clock);
        clock.SetUtcNow(T0 + TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        await onboarding.EventsOnFakeTimeAsync(clientId, nameof(ProspectStalled), 3, clock);

        var resumedAt = clock.GetUtcNow();
        Assert.Equal("in_progress", (await onboarding.StepAsync(clientId, "phone_verified", resumedAt)).Status);
        clock.Advance(TimeSpan.FromMinutes(31));
        await onboarding.EventsOnFakeTimeAsync(clientId, nameof(ProspectStalled), 4, clock);
        clock.Advance(TimeSpan.FromHours(24));
        await onboarding.EventsOnFakeTimeAsync(clientId, nameof(ProspectStalled), 5, clock);
        clock.Advance(TimeSpan.FromDays(7));
        await onboarding.EventsOnFakeTimeAsync(clientId, nameof(ProspectStalled), 6, clock);
        clock.Advance(TimeSpan.FromDays(30));

        var all = await onboarding.EverythingPublishedForAsync(clientId);
        var stalls = all.Where(m => m.Header("event-type") == nameof(ProspectStalled)).Select(m => ProspectStalled.Parser.ParseFrom(m.Value)).ToList();
        Assert.Equal([(1, "registered"), (2, "registered"), (3, "registered"), (1, "phone_verified"), (2, "phone_verified"), (3, "phone_verified")],
            stalls.Select(s => (s.Level, s.Step)));
        Assert.Equal(TimeSpan.FromDays(7), stalls[2].Threshold.ToTimeSpan());
        Assert.Equal(resumedAt, stalls[3].StalledSince.ToDateTimeOffset());
    }

    [Fact]
    public async Task ALateOldStepNeitherEndsAStallNorTellsTheClientAgainThatItStalled()
    {
        var clock = new FakeTimeProvider(T0);
        await using var service = await StartAsync(clock);
        var onboarding = new OnboardingDriver(service, broker.BootstrapServers);
        var clientId = await StalledAtIdUploadedAsync(onboarding, clock);

        // Verified before the upload, reported only now: the client did nothing new.
        var reply = await onboarding.StepAsync(clientId, "phone_verified", T0.AddMinutes(-1));
        Assert.Equal(("stalled", "id_uploaded"), (reply.Status, reply.CurrentStep));

        clock.SetUtcNow(T0 + TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        var stalls = await onboarding.EventsOnFakeTimeAsync(clientId, nameof(ProspectStalled), 2, clock);
        Assert.Equal([1, 2], stalls.Select(m => ProspectStalled.Parser.ParseFrom(m.Value).Level));
        Assert.Equal(T0, (await onboarding.ProgressAsync(clientId)).StalledSince.ToDateTimeOffset());
    }

    [Fact]
    public async Task ALateStepFurtherAlongMovesTheStallOnWithoutRecallingLevelOneAgain()
    {
        var clock = new FakeTimeProvider(T0);
        await using var service = await StartAsync(clock);
        var onboarding = new OnboardingDriver(service, broker.BootstrapServers);
        var clientId = await StalledAtIdUploadedAsync(onboarding, clock);

        // A core system verified the id before the stall began, on its own clock, and reports it only now.
        var reply = await onboarding.StepAsync(clientId, "id_verified", T0.AddMinutes(-1));
        Assert.Equal(("stalled", "id_verified"), (reply.Status, reply.CurrentStep));

        clock.SetUtcNow(T0 + TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        var stalls = (await onboarding.EventsOnFakeTimeAsync(clientId, nameof(ProspectStalled), 2, clock))
            .Select(m => ProspectStalled.Parser.ParseFrom(m.Value)).ToList();
        Assert.Equal([(1, "id_uploaded", T0), (2, "id_verified", T0)], stalls.Select(s => (s.Level, s.Step, s.StalledSince.ToDateTimeOffset())));
        Assert.Equal((TimerKind.Stall, 3, T0 + TimeSpan.FromDays(7), T0), await StallTimerAsync(service, clientId));
    }

    [Fact]
    public async Task ANewRiskLevelFromTheCoreSystemIsPublishedButNeitherEndsAStallNorRecallsLevelOneAgain()
    {
        var clock = new FakeTimeProvider(T0);
        await using var service = await StartAsync(clock);
        var onboarding = new OnboardingDriver(service, broker.BootstrapServers);
        var clientId = OnboardingDriver.NewClientId();
        await onboarding.StepAsync(clientId, "registered", T0.AddMinutes(-2));
        await onboarding.StepAsync(clientId, "risk_assessed", T0.AddMinutes(-1), riskLevel: "C3");
        await onboarding.StepAsync(clientId, "bank_card_bound", T0);
        clock.Advance(TimeSpan.FromMinutes(31));
        await onboarding.EventsOnFakeTimeAsync(clientId, nameof(ProspectStalled), 1, clock);

        // Two hours into the stall the core system re-assesses the client: the client itself did nothing.
        clock.SetUtcNow(T0.AddHours(2));
        var reply = await onboarding.StepAsync(clientId, "risk_assessed", T0.AddHours(2), riskLevel: "C4");
        Assert.Equal(("stalled", "bank_card_bound"), (reply.Status, reply.CurrentStep));

        clock.SetUtcNow(T0 + TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        var stalls = (await onboarding.EventsOnFakeTimeAsync(clientId, nameof(ProspectStalled), 2, clock))
            .Select(m => ProspectStalled.Parser.ParseFrom(m.Value)).ToList();
        Assert.Equal([(1, T0), (2, T0)], stalls.Select(s => (s.Level, s.StalledSince.ToDateTimeOffset())));
        var levels = (await onboarding.EverythingPublishedForAsync(clientId)).Where(m => m.Header("event-type") == nameof(StepRecorded))
            .Select(m => StepRecorded.Parser.ParseFrom(m.Value)).Where(s => s.Step == "risk_assessed").Select(s => s.RiskLevel);
        Assert.Equal(["C3", "C4"], levels);
    }

    [Fact]
    public async Task EachStallLevelIsPublishedOnceAcrossARestartAndWithTwoReplicasRunning()
    {
        var database = postgres.Server.NewDatabaseConnectionString("replicas");
        var clientId = OnboardingDriver.NewClientId();
        await using (var first = await OnboardingHost.StartAsync(database, redis.Server.ConnectionString, broker.BootstrapServers, new FakeTimeProvider(T0)))
        {
            await new OnboardingDriver(first, broker.BootstrapServers).StepAsync(clientId, "registered", T0);
        }

        // The timer outlived the replica that scheduled it; two new replicas race to fire it.
        var clockA = new FakeTimeProvider(T0);
        var clockB = new FakeTimeProvider(T0);
        await using var replicaA = await OnboardingHost.StartAsync(database, redis.Server.ConnectionString, broker.BootstrapServers, clockA);
        await using var replicaB = await OnboardingHost.StartAsync(database, redis.Server.ConnectionString, broker.BootstrapServers, clockB);
        var onboarding = new OnboardingDriver(replicaA, broker.BootstrapServers);

        foreach (var clock in new[] { clockA, clockB })
        {
            clock.Advance(TimeSpan.FromMinutes(31));
        }

        await onboarding.EventsOnFakeTimeAsync(clientId, nameof(ProspectStalled), 1, clockA, clockB);
        foreach (var clock in new[] { clockA, clockB })
        {
            clock.Advance(TimeSpan.FromHours(24));
        }

        await onboarding.EventsOnFakeTimeAsync(clientId, nameof(ProspectStalled), 2, clockA, clockB);
        var all = await onboarding.EverythingPublishedForAsync(clientId);
        var levels = all.Where(m => m.Header("event-type") == nameof(ProspectStalled)).Select(m => ProspectStalled.Parser.ParseFrom(m.Value).Level);
        Assert.Equal([1, 2], levels);
    }

    [Fact]
    public async Task AnApprovedAccountWithoutADepositTurnsDormantOnce()
    {
        var clock = new FakeTimeProvider(T0);
        await using var service = await StartAsync(clock);
        var onboarding = new OnboardingDriver(service, broker.BootstrapServers);
        var clientId = OnboardingDriver.NewClientId();
        await onboarding.StepsThroughAsync(clientId, "approved", T0.AddHours(-1));

        clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromHours(1));
        await onboarding.EventsOnFakeTimeAsync(clientId, nameof(AccountDormant), 1, clock);
        clock.Advance(TimeSpan.FromDays(30));

        // A late deposit still funds the account.
        await onboarding.HandledAsync(await onboarding.DepositAsync(clientId, clock.GetUtcNow()));
        Assert.Equal("funded", (await onboarding.ProgressAsync(clientId)).Status);
        var all = await onboarding.EverythingPublishedForAsync(clientId);
        Assert.Equal("C3", AccountApproved.Parser.ParseFrom(Assert.Single(all, m => m.Header("event-type") == nameof(AccountApproved)).Value).RiskLevel);
        var dormant = AccountDormant.Parser.ParseFrom(Assert.Single(all, m => m.Header("event-type") == nameof(AccountDormant)).Value);
        Assert.Equal(TimeSpan.FromDays(3), dormant.DormantAfter.ToTimeSpan());
    }

    [Fact]
    public async Task TheFirstDepositAfterApprovalFundsTheAccountOnceAndEndsTheDormantWatch()
    {
        var clock = new FakeTimeProvider(T0);
        await using var service = await StartAsync(clock);
        var onboarding = new OnboardingDriver(service, broker.BootstrapServers);
        var clientId = OnboardingDriver.NewClientId();
        await onboarding.StepsThroughAsync(clientId, "submitted", T0.AddHours(-1));
        await onboarding.StepAsync(clientId, "approved", T0);
        await onboarding.DepositAsync(clientId, T0.AddMinutes(1));
        await onboarding.HandledAsync(await onboarding.DepositAsync(clientId, T0.AddMinutes(2)));
        clock.Advance(TimeSpan.FromDays(4));
        await onboarding.HandledAsync(await onboarding.DepositAsync(clientId, T0.AddDays(4)));

        Assert.Equal("funded", (await onboarding.ProgressAsync(clientId)).Status);
        var all = await onboarding.EverythingPublishedForAsync(clientId);
        var funded = Assert.Single(all, m => m.Header("event-type") == nameof(AccountFunded));
        Assert.Equal(T0.AddMinutes(1), AccountFunded.Parser.ParseFrom(funded.Value).FundedAt.ToDateTimeOffset());
        Assert.DoesNotContain(all, m => m.Header("event-type") == nameof(AccountDormant));
    }

    /// <summary>A new client that uploaded its id at T0 and stalled there (level 1 published).</summary>
    private static async Task<string> StalledAtIdUploadedAsync(OnboardingDriver onboarding, FakeTimeProvider clock)
    {
        var clientId = OnboardingDriver.NewClientId();
        await onboarding.StepAsync(clientId, "registered", T0.AddMinutes(-2));
        await onboarding.StepAsync(clientId, "id_uploaded", T0);
        clock.Advance(TimeSpan.FromMinutes(31));
        await onboarding.EventsOnFakeTimeAsync(clientId, nameof(ProspectStalled), 1, clock);
        return clientId;
    }

    /// <summary>The client's one timer as stored (the worker deletes a fired one and adds the next in one transaction).</summary>
    private static async Task<(TimerKind Kind, int Level, DateTimeOffset DueAt, DateTimeOffset EpisodeStartedAt)> StallTimerAsync(
        Platform.TestSupport.Services.ServiceFactory<OnboardingDbContext> service, string clientId)
    {
        await using var scope = service.Services.CreateAsyncScope();
        var timer = await scope.ServiceProvider.GetRequiredService<OnboardingDbContext>().Set<FunnelTimer>().AsNoTracking().SingleAsync(t => t.ClientId == clientId);
        return (timer.Kind, timer.Level, timer.DueAt, timer.EpisodeStartedAt);
    }

    private Task<Platform.TestSupport.Services.ServiceFactory<OnboardingDbContext>> StartAsync(FakeTimeProvider clock) =>
        OnboardingHost.StartAsync(postgres.Server.NewDatabaseConnectionString("timers"), redis.Server.ConnectionString, broker.BootstrapServers, clock);
}
