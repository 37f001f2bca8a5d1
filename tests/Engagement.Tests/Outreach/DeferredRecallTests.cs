using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Platform.Engagement.Grpc;
using Platform.Engagement.Outreach;
using Platform.Engagement.Outreach.Decisions;
using Platform.Engagement.Outreach.Reports;
using Platform.Engagement.Policies;
using Platform.Messaging;
using Platform.Messaging.Envelope;
using Platform.Onboarding.Events;
using Platform.TestSupport.Auth;
using Platform.DevBroker;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Duration = Google.Protobuf.WellKnownTypes.Duration;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Platform.Engagement.Tests.Outreach;

/// <summary>
/// Issue 12 item 4, "a prospect who resumed overnight gets no stale recall at 08:00": the real Engagement and Content on
/// PostgreSQL, Redis and DevBroker, on a fake clock. A prospect stalls at 23:00 Shanghai time; M02's push recall is
/// deferred by the quiet hours (22:00-08:00, the seeded settings) to 08:00 and decided again then.
/// </summary>
public sealed class DeferredRecallTests(PostgresFixture postgres, RedisFixture redis) : IAsyncLifetime
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    // In UTC: the clock stands for TimeProvider.System, whose times PostgreSQL takes only with offset 0.
    private static readonly DateTimeOffset Stall = new DateTimeOffset(2026, 12, 7, 23, 0, 0, Shanghai).ToUniversalTime();
    private static readonly DateTimeOffset Eight = new DateTimeOffset(2026, 12, 8, 8, 0, 0, Shanghai).ToUniversalTime();
    private readonly FakeTimeProvider clock = new(Stall);
    // A broker of its own: on the assembly's shared one this host would fire other tests' moments, which the report counts.
    private readonly EmbeddedKafka broker = EmbeddedKafka.Start(new EmbeddedKafkaOptions { Port = 0 });
    private PipelineHosts hosts = null!;

    public async ValueTask InitializeAsync() => hosts = await PipelineHosts.StartAsync("recall", postgres, redis, broker.BootstrapServers, clock);

    public async ValueTask DisposeAsync()
    {
        await hosts.DisposeAsync();
        broker.Dispose();
    }

    [Fact]
    public async Task AProspectWhoCompletesAStepOvernightGetsNoStaleRecallAtEightAndTheAuditAndReportSayQuietHours()
    {
        var clientId = await StalledAndDeferredAsync("resumed");
        clock.SetUtcNow(Stall.AddHours(3));
        await ProduceAsync(new StepRecorded
        {
            ClientId = clientId, Funnel = "account-opening", FunnelVersion = 1, Step = "identity", Status = "completed",
            OccurredAt = Timestamp.FromDateTimeOffset(clock.GetUtcNow()),
        });
        await hosts.WhenAsync(db => db.GoalEvents.AnyAsync(g => g.ClientId == clientId && g.EventName == "onboarding.StepRecorded"), "the 02:00 step recorded");

        var decided = await DecidedAtEightAsync(clientId);

        Assert.Equal((OutreachDecisions.Suppressed, OutreachReasons.QuietHours, Eight), (decided.Decision, decided.Reason, decided.DeferredUntil));
        Assert.Empty(await InboxAsync(clientId));
        await hosts.WithDbAsync(async db => Assert.False(await db.OutreachDeliveries.AnyAsync(d => d.ClientId == clientId)));
        var operators = hosts.Engagement.CreateGrpcChannel(TestTokens.Operator());
        var audit = await new OutreachAuditService.OutreachAuditServiceClient(operators).ListOutreachAsync(new ListOutreachRequest { ClientId = clientId });
        var entry = Assert.Single(audit.Instances);
        Assert.Equal(("M02", OutreachDecisions.Suppressed, OutreachReasons.QuietHours, Eight),
            (entry.Moment, entry.Decision, entry.Reason, entry.DeferredUntil.ToDateTimeOffset()));
        var report = await new MomentReportService.MomentReportServiceClient(operators).GetMomentReportAsync(new MomentReportRequest
        {
            From = Timestamp.FromDateTimeOffset(Stall.AddHours(-1)), To = Timestamp.FromDateTimeOffset(clock.GetUtcNow().AddHours(1)),
        });
        var m02 = Assert.Single(report.Moments, m => m.Moment == "M02");
        Assert.Equal((1L, 0L, 0L), (m02.Fired, m02.Sent, m02.Deferred));
        Assert.Equal([(OutreachReasons.QuietHours, 1L)], m02.Suppressed.Select(s => (s.Key, s.Value)));
    }

    [Fact]
    public async Task AStepRecordedWhileTheEightOClockDecisionWaitsForWordsStillClosesTheRecallUnsent()
    {
        var clientId = await StalledAndDeferredAsync("racing");
        // The lifecycle consumer commits the step after the worker's batch read and before it records: the last look sees it.
        hosts.ContentCalls.Before = () => hosts.WithDbAsync(db => GoalEvents.RecordAsync(db, clientId, "onboarding.StepRecorded", clock.GetUtcNow(), CancellationToken.None));

        var decided = await DecidedAtEightAsync(clientId);

        Assert.Equal((OutreachDecisions.Suppressed, OutreachReasons.QuietHours), (decided.Decision, decided.Reason));
        Assert.Empty(await InboxAsync(clientId));
    }

    [Fact]
    public async Task AProspectWhoStaysAwayOvernightGetsItsRecallAtEightExactlyOnce()
    {
        var clientId = await StalledAndDeferredAsync("away");

        var decided = await DecidedAtEightAsync(clientId);

        Assert.Equal((OutreachDecisions.Sent, null, "push", Eight), (decided.Decision, decided.Reason, decided.Channel, decided.DeferredUntil));
        Assert.True(decided.DecidedAt >= Eight, $"sent at {decided.DecidedAt}, inside the quiet hours");
        Assert.Equal(["M02"], (await InboxAsync(clientId)).Select(i => i.Moment));
        await hosts.WhenAsync(db => db.OutreachInstances.AnyAsync(i => i.ClientId == clientId && i.DeliveredAt != null), "the recall's push delivered");
        await hosts.WithDbAsync(async db => Assert.Equal(1, await db.OutreachDeliveries.CountAsync(d => d.ClientId == clientId)));
    }

    [Fact]
    public async Task OnlyTheClientsOwnGoalEventsAfterADeferredInstanceFiredCountAndARuleWithoutAGoalIsNeverAsked()
    {
        var fired = Stall;
        OutreachInstance Deferred(string moment, string clientId) =>
            DeferredRow(OutreachRows.Instance(moment, clientId, fired, OutreachDecisions.Deferred, OutreachReasons.QuietHours));
        OutreachInstance[] instances =
        [
            Deferred("M02", "goal-after"), Deferred("M02", "goal-before"), Deferred("M02", "goal-of-another"), Deferred("OPS1", "goal-after"),
            // Not deferred: a first decision is decided as before, whatever happened in its priority window.
            OutreachRows.Instance("M02", "pending", fired, OutreachDecisions.Pending),
        ];
        await hosts.WithDbAsync(async db =>
        {
            db.OutreachInstances.AddRange(instances);
            await db.SaveChangesAsync();
            await GoalEvents.RecordAsync(db, [
                Goal("goal-after", fired.AddHours(3)), Goal("goal-after", fired.AddHours(4)), Goal("goal-before", fired), Goal("goal-before", fired.AddHours(-1)),
                Goal("someone-else", fired.AddHours(3)), Goal("pending", fired.AddSeconds(30)),
            ], CancellationToken.None);
        });

        Dictionary<string, DateTimeOffset> reached = [];
        await hosts.WithDbAsync(async db => reached = await GoalsSinceFiring.ReadAsync(db, instances, CancellationToken.None));

        Assert.Equal([("M02:goal-after:client", fired.AddHours(3))], reached.Select(r => (r.Key, r.Value)));
    }

    private static OutreachInstance DeferredRow(OutreachInstance instance)
    {
        instance.DeferredUntil = Eight;
        instance.DecideAfter = Eight;
        return instance;
    }

    private static GoalEvent Goal(string clientId, DateTimeOffset at) => new() { ClientId = clientId, EventName = "onboarding.StepRecorded", OccurredAt = at };

    /// <summary>A prospect (not held out) that stalls at 23:00, its M02 push recall deferred to 08:00.</summary>
    private async Task<string> StalledAndDeferredAsync(string name)
    {
        var clientId = Enumerable.Range(0, 10_000).Select(i => $"recall-{name}-{Guid.NewGuid().ToString("N")[..6]}-{i}")
            .First(c => !HoldoutPolicy.IsHeldOut(c, 10));
        await ProduceAsync(new ProspectStalled
        {
            ClientId = clientId, Funnel = "account-opening", FunnelVersion = 1, Step = "identity", Level = 1,
            Threshold = Duration.FromTimeSpan(TimeSpan.FromMinutes(30)), StalledSince = Timestamp.FromDateTimeOffset(Stall.AddMinutes(-30)),
        });
        OutreachInstance? deferred = null;
        await hosts.WhenAsync(async db => (deferred = await M02Async(db, clientId)) is { Decision: OutreachDecisions.Deferred }, "M02 deferred");
        Assert.Equal((OutreachReasons.QuietHours, "push", Eight), (deferred!.Reason, deferred.Channel, deferred.DeferredUntil));
        return clientId;
    }

    /// <summary>Moves the clock to 08:00 and on until the recall is decided again.</summary>
    private async Task<OutreachInstance> DecidedAtEightAsync(string clientId)
    {
        clock.SetUtcNow(Eight);
        OutreachInstance? decided = null;
        await hosts.WhenAsync(async db => (decided = await M02Async(db, clientId)) is { Decision: not OutreachDecisions.Deferred }, "M02 decided at 08:00");
        return decided!;
    }

    private static Task<OutreachInstance?> M02Async(EngagementDbContext db, string clientId) =>
        db.OutreachInstances.AsNoTracking().SingleOrDefaultAsync(i => i.ClientId == clientId && i.Moment == "M02");

    private async Task<IReadOnlyList<InboxMessage>> InboxAsync(string clientId) =>
        (await new InboxService.InboxServiceClient(hosts.Engagement.CreateGrpcChannel(TestTokens.Client(clientId)))
            .ListInboxAsync(new ListInboxRequest { ClientId = clientId })).Items;

    private Task ProduceAsync(IMessage message) =>
        KafkaMessages.ProduceAsync(broker.BootstrapServers, Topics.OnboardingEvents,
            EventEnvelope.Create((string)message.Descriptor.FindFieldByName("client_id").Accessor.GetValue(message), message, clock.GetUtcNow()));
}
