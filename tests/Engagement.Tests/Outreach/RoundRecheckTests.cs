using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Engagement.Outreach;
using Platform.Engagement.Outreach.Decisions;
using Platform.Engagement.Outreach.Reports;
using Platform.Engagement.Policies;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Processes;
using Platform.TestSupport.Redis;

namespace Platform.Engagement.Tests.Outreach;

/// <summary>
/// Review of issue 12, S3: a round decides a client's instances one after another, each weighing the verdicts before it,
/// and records them together; a verdict that does not stand when the round records (the last look closes a send, another
/// replica took the instance over, another replica's sends capped it) must not leave its competitor suppressed as lower
/// priority, and a competitor whose own goal was reached is not sent in its place. The real Engagement asking
/// the real Content (real PostgreSQL, Redis and DevBroker, a fake clock on a Shanghai afternoon, outside the quiet hours);
/// instances are stored due, as firing and an earlier deferral store them. Within a client's priority window: M04
/// (priority 60, goal a deposit) beats M07 (priority 50, goal a trade or purchase), both by push.
/// </summary>
public sealed class RoundRecheckTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private static readonly DecisionOptions Defaults = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero));
    private PipelineHosts hosts = null!;

    public async ValueTask InitializeAsync() => hosts = await PipelineHosts.StartAsync("recheck", postgres, redis, broker.BootstrapServers, clock);

    public ValueTask DisposeAsync() => hosts.DisposeAsync();

    [Fact]
    public async Task ACompetitorBeatenByADeferredSendThatTheLastLookClosesIsSentInstead()
    {
        var clientId = Client("closed");
        var (higher, lower) = DeferredOvernight(clientId);
        // The deposit is committed after the round's goal read, while Content is asked for M04's words: the round judges M04
        // sent and M07 lower than it, then the last look closes M04.
        RecordGoalsOnFirstCall(clientId, "activity.deposit");
        await OutreachRows.DecideAsync(hosts.Engagement.Services, clock.GetUtcNow(), higher, lower);

        var decided = await DecidedAsync(higher, lower);

        Assert.Equal([("M04", OutreachDecisions.Suppressed, OutreachReasons.QuietHours), ("M07", OutreachDecisions.Sent, null)],
            decided.Select(i => (i.Moment, i.Decision, i.Reason)));
        Assert.Equal(["M07"], await InboxAsync(clientId));
    }

    [Fact]
    public async Task ACompetitorBeatenByADeferredSendIsClosedByItsOwnGoalAndNotSentInItsPlace()
    {
        var clientId = Client("both-reached");
        var (higher, lower) = DeferredOvernight(clientId);
        // Both goals reached while the round waits for words: neither recall is stale-free, neither goes.
        RecordGoalsOnFirstCall(clientId, "activity.deposit", "activity.trade");
        await OutreachRows.DecideAsync(hosts.Engagement.Services, clock.GetUtcNow(), higher, lower);

        var decided = await DecidedAsync(higher, lower);

        Assert.Equal([("M04", OutreachDecisions.Suppressed, OutreachReasons.QuietHours), ("M07", OutreachDecisions.Suppressed, OutreachReasons.QuietHours)],
            decided.Select(i => (i.Moment, i.Decision, i.Reason)));
        Assert.Empty(await InboxAsync(clientId));
    }

    [Fact]
    public async Task AnInstanceWhoseLeaseAnotherReplicaTookOverWeighsNothingOnTheClientsOtherDecisionsOfTheRound()
    {
        var clientId = Client("overtaken");
        var firedAt = clock.GetUtcNow().AddMinutes(-2);
        var higher = OutreachRows.Instance("M04", clientId, firedAt, OutreachDecisions.Pending, priority: 60);
        var lower = OutreachRows.Instance("M07", clientId, firedAt.AddSeconds(10), OutreachDecisions.Pending, priority: 50);
        using var counters = new CounterReader(hosts.Engagement.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), OutreachTelemetry.MeterName);
        var calls = 0;
        // While M07's words come (M04 was judged sent), the lease ends; another replica, whose own batch ended at M04, takes
        // M04 over and closes it unsent. This round never records M04: its verdict on it must weigh nothing on M07.
        hosts.ContentCalls.BeforeClient = async client =>
        {
            if (client == clientId && Interlocked.Increment(ref calls) == 2)
            {
                clock.Advance(Defaults.Lease);
                await hosts.WithDbAsync(db => db.OutreachInstances.Where(i => i.InstanceKey == higher.InstanceKey).ExecuteUpdateAsync(i => i
                    .SetProperty(x => x.DecideAfter, clock.GetUtcNow())
                    .SetProperty(x => x.DecidedAt, clock.GetUtcNow())
                    .SetProperty(x => x.Decision, OutreachDecisions.Suppressed)
                    .SetProperty(x => x.Reason, OutreachReasons.Unsuitable)));
            }
        };
        await OutreachRows.DecideAsync(hosts.Engagement.Services, clock.GetUtcNow(), higher, lower);

        var decided = await DecidedAsync(higher, lower);

        Assert.Equal([("M04", OutreachDecisions.Suppressed, OutreachReasons.Unsuitable), ("M07", OutreachDecisions.Sent, null)],
            decided.Select(i => (i.Moment, i.Decision, i.Reason)));
        Assert.Equal(["M07"], await InboxAsync(clientId));
        await ChildProcess.WaitUntilAsync(() => Task.FromResult(counters.Sum("engagement.outreach.lease_lost") >= 1), TimeSpan.FromSeconds(60),
            "the lost decision counted");
        Assert.Equal(1, counters.Sum("engagement.outreach.lease_lost"));
    }

    [Fact]
    public async Task ASendThatAnotherReplicasSendsCappedMeanwhileIsRecordedCappedAndTheCompetitorItBeatIsSent()
    {
        var clientId = Client("capped");
        var firedAt = clock.GetUtcNow().AddMinutes(-2);
        var higher = OutreachRows.Instance("M04", clientId, firedAt, OutreachDecisions.Pending, priority: 60);
        var lower = OutreachRows.Instance("M07", clientId, firedAt.AddSeconds(10), OutreachDecisions.Pending, channel: "inbox", priority: 50);
        var calls = 0;
        // While M04's words come, another replica records three pushes to the client (the push cap: 3 in 7 days), fired days
        // ago (outside M04's priority window): the round judges M04 sent and M07 lower than it, then M04 capped.
        hosts.ContentCalls.BeforeClient = async client =>
        {
            if (client == clientId && Interlocked.Increment(ref calls) == 1)
            {
                var days = clock.GetUtcNow().AddDays(-2);
                await OutreachRows.DecideAsync(hosts.Engagement.Services, clock.GetUtcNow(), [.. new[] { "M09", "M12", "M14" }.Select(
                    moment => OutreachRows.Instance(moment, clientId, days, OutreachDecisions.Sent))]);
            }
        };
        await OutreachRows.DecideAsync(hosts.Engagement.Services, clock.GetUtcNow(), higher, lower);

        var decided = await DecidedAsync(higher, lower);

        Assert.Equal([("M04", OutreachDecisions.Suppressed, OutreachReasons.Cap), ("M07", OutreachDecisions.Sent, null)],
            decided.Select(i => (i.Moment, i.Decision, i.Reason)));
        Assert.Equal(["M07"], await InboxAsync(clientId));
    }

    /// <summary>M04 and M07 fired 10 s apart last night, deferred by the quiet hours to this morning and due now.</summary>
    private (OutreachInstance Higher, OutreachInstance Lower) DeferredOvernight(string clientId)
    {
        var firedAt = clock.GetUtcNow().AddHours(-9);
        OutreachInstance Deferred(string moment, DateTimeOffset at, int priority)
        {
            var instance = OutreachRows.Instance(moment, clientId, at, OutreachDecisions.Deferred, OutreachReasons.QuietHours, priority: priority);
            instance.DeferredUntil = clock.GetUtcNow().AddHours(-6);
            instance.DecideAfter = instance.DeferredUntil.Value;
            return instance;
        }

        return (Deferred("M04", firedAt, 60), Deferred("M07", firedAt.AddSeconds(10), 50));
    }

    /// <summary>At Engagement's first call to Content, the client's goal events are committed, as the lifecycle consumer would.</summary>
    private void RecordGoalsOnFirstCall(string clientId, params string[] events)
    {
        var calls = 0;
        hosts.ContentCalls.BeforeClient = async client =>
        {
            if (client == clientId && Interlocked.Increment(ref calls) == 1)
            {
                await hosts.WithDbAsync(db => GoalEvents.RecordAsync(db,
                    [.. events.Select(name => new GoalEvent { ClientId = clientId, EventName = name, OccurredAt = clock.GetUtcNow() })], CancellationToken.None));
            }
        };
    }

    /// <summary>
    /// Both instances once the lower is neither pending nor deferred (the round records them together), higher first. The clock moves a second a try until the worker has
    /// claimed them (it pauses on the clock), then stands still: the round's lease does not end and no instance of it is put off.
    /// </summary>
    private async Task<IReadOnlyList<OutreachInstance>> DecidedAsync(OutreachInstance higher, OutreachInstance lower)
    {
        string[] keys = [higher.InstanceKey, lower.InstanceKey];
        await ChildProcess.WaitUntilAsync(async () =>
        {
            if ((await StoredAsync(keys))[0].DecideAfter > higher.DecideAfter)
            {
                return true;
            }

            clock.Advance(TimeSpan.FromSeconds(1));
            return false;
        }, TimeSpan.FromSeconds(60), "the instances claimed");
        await ChildProcess.WaitUntilAsync(async () => (await StoredAsync(keys))[1].Decision is not (OutreachDecisions.Pending or OutreachDecisions.Deferred),
            TimeSpan.FromSeconds(60), "the lower instance decided");
        return await StoredAsync(keys);
    }

    private async Task<IReadOnlyList<OutreachInstance>> StoredAsync(string[] keys)
    {
        List<OutreachInstance> stored = [];
        await hosts.WithDbAsync(async db => stored = await db.OutreachInstances.AsNoTracking().Where(i => keys.Contains(i.InstanceKey))
            .OrderByDescending(i => i.Priority).ToListAsync());
        return stored;
    }

    private async Task<IReadOnlyList<string>> InboxAsync(string clientId)
    {
        List<string> moments = [];
        await hosts.WithDbAsync(async db => moments = await db.InboxEntries.Where(e => e.ClientId == clientId).Select(e => e.Moment).ToListAsync());
        return moments;
    }

    private static string Client(string name) =>
        Enumerable.Range(0, 10_000).Select(i => $"recheck-{name}-{Guid.NewGuid().ToString("N")[..6]}-{i}").First(c => !HoldoutPolicy.IsHeldOut(c, 10));
}
