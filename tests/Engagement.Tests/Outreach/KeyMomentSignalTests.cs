using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Engagement.Outreach;
using Platform.Messaging.Envelope;
using Platform.Engagement.Outreach.Firing;
using Platform.Engagement.Tests.Lifecycle;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Processes;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;
using static Platform.Engagement.Tests.Lifecycle.LifecycleEvents;

namespace Platform.Engagement.Tests.Outreach;

/// <summary>
/// The seeded M09, M10, M16 and M17 on the real consumer, timers and database, on a fake clock: each fires when DOMAIN.md's
/// definition first holds, once per run of the signal, and not for a run that ends early or a signal below its threshold.
/// Times are UTC; trading days are Shanghai's (UTC+8), so a day's 00:00 is 16:00 UTC the day before.
/// </summary>
public sealed class KeyMomentSignalTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker)
{
    private static readonly DateTimeOffset Dec1 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task IdleCashFiresFiveDaysAfterTheRunBeganOncePerRunAndNotForARunThatEndsSooner()
    {
        var clock = new FakeTimeProvider(Dec1.AddDays(4).AddHours(10));
        var (service, lifecycle, clientId, pending) = await FiveIdleDaysAsync(clock);
        await using var started = service;
        var runStart = IdleRunStart;
        Assert.Equal((runStart.AddDays(5), $"M09:{clientId}:since-2026-11-30T16:00:00.000000Z"), (pending.DueAt, pending.InstanceKey));
        Assert.Empty(await InstancesAsync(service, clientId, "M09"));

        clock.SetUtcNow(runStart.AddDays(5));
        var fired = await WaitForInstancesAsync(service, clock, clientId, "M09", 1);
        Assert.Equal(pending.InstanceKey, Assert.Single(fired).InstanceKey);

        // The same run goes on: no second instance, and no timer for one.
        await PublishAsync(lifecycle, clientId, IdleDay(5, 60_000m));
        Assert.Empty(await TimersAsync(service, clientId, "M09"));

        // A new run of four days (8-11 December) ended by a low day before its fifth: its timer fires nothing.
        await PublishAsync(lifecycle, clientId, IdleDay(6, 10_000m), IdleDay(7, 60_000m), IdleDay(8, 60_000m), IdleDay(9, 60_000m), IdleDay(10, 60_000m));
        Assert.Equal(runStart.AddDays(12), Assert.Single(await TimersAsync(service, clientId, "M09")).DueAt);
        await PublishAsync(lifecycle, clientId, IdleDay(11, 49_999m));
        clock.SetUtcNow(runStart.AddDays(13));
        await WaitUntilAsync(async () => (await TimersAsync(service, clientId, "M09")).Count == 0, clock, "the ended run's timer claimed");
        Assert.Single(await InstancesAsync(service, clientId, "M09"));
    }

    [Fact]
    public async Task AnOperatorsLongerIdleCashTimeReachesTheTimersAlreadyPending()
    {
        var clock = new FakeTimeProvider(Dec1.AddDays(4).AddHours(10));
        var (service, _, clientId, pending) = await FiveIdleDaysAsync(clock);
        await using var started = service;
        var runStart = IdleRunStart;
        Assert.Equal(runStart.AddDays(5), pending.DueAt);

        // The operator makes it seven days while the five-day timer is pending: at five days it is set again, not fired.
        var rules = new Grpc.RuleService.RuleServiceClient(service.CreateGrpcChannel(TestSupport.Auth.TestTokens.Operator()));
        var m09 = await rules.GetRuleAsync(new Grpc.GetRuleRequest { Key = "M09" }, cancellationToken: TestContext.Current.CancellationToken);
        m09.Schedule.Offset = "P7D";
        await rules.UpdateRuleAsync(new Grpc.UpdateRuleRequest { Rule = m09 }, cancellationToken: TestContext.Current.CancellationToken);
        clock.SetUtcNow(runStart.AddDays(5));
        await WaitUntilAsync(async () => await TimersAsync(service, clientId, "M09") is [{ } again] && again.DueAt == runStart.AddDays(7), clock,
            "the idle-cash timer set again at seven days");
        Assert.Equal(pending.InstanceKey, Assert.Single(await TimersAsync(service, clientId, "M09")).InstanceKey);
        Assert.Empty(await InstancesAsync(service, clientId, "M09"));

        clock.SetUtcNow(runStart.AddDays(7));
        Assert.Equal(pending.InstanceKey, Assert.Single(await WaitForInstancesAsync(service, clock, clientId, "M09", 1)).InstanceKey);
    }

    [Fact]
    public async Task NoLoginFiresThirtyDaysAfterTheLastLoginAndALaterLoginMovesIt()
    {
        var clock = new FakeTimeProvider(Dec1.AddHours(10));
        await using var service = await LifecycleHost.StartAsync(postgres, redis, broker, clock);
        var (lifecycle, clientId) = (new LifecycleDriver(service, broker.BootstrapServers), LifecycleDriver.NewClientId());

        // Approved 30 days before 20 December, last logged in 30 days before the 25th. A later login does not rewrite the
        // pending time (the timer is lazy): it stays at the earliest the batches saw, falls due, finds the client logged in
        // since, fires nothing and is set again 30 days after the last login.
        await PublishAsync(lifecycle, clientId, Approved(Dec1.AddDays(-11)), Login(Dec1.AddDays(-6)));
        var lastLogin = Dec1.AddHours(9);
        await PublishAsync(lifecycle, clientId, Login(lastLogin));
        var early = Assert.Single(await TimersAsync(service, clientId, "M16"));
        Assert.True(early.DueAt <= Dec1.AddDays(24), $"due {early.DueAt:u}, not before the first login's 30 days");
        clock.SetUtcNow(Dec1.AddDays(24));
        await WaitUntilAsync(async () => await TimersAsync(service, clientId, "M16") is [{ } reset] && reset.DueAt == lastLogin.AddDays(30), clock,
            "the no-login time set again from the last login");
        var pending = Assert.Single(await TimersAsync(service, clientId, "M16"));
        Assert.Equal((MomentTimer.Anchored, $"M16:{clientId}:since-2026-12-31T09:00:00.000000Z"), (pending.Kind, pending.InstanceKey));
        Assert.Empty(await InstancesAsync(service, clientId, "M16"));

        clock.SetUtcNow(lastLogin.AddDays(30));
        var fired = Assert.Single(await WaitForInstancesAsync(service, clock, clientId, "M16", 1));
        Assert.Equal((pending.InstanceKey, "sms"), (fired.InstanceKey, fired.Channel));
    }

    [Fact]
    public async Task AssetsHalvedOverThirtyDaysFireAtOnceOncePerRunAndAFortyPercentFallDoesNot()
    {
        var clock = new FakeTimeProvider(Dec1.AddDays(20).AddHours(10));
        await using var service = await LifecycleHost.StartAsync(postgres, redis, broker, clock);
        var lifecycle = new LifecycleDriver(service, broker.BootstrapServers);
        var (halved, fallen) = (LifecycleDriver.NewClientId(), LifecycleDriver.NewClientId());
        var recentLogin = Login(Dec1.AddDays(19));

        // The halved client's no-login time is pending first: the fall pulls that lazy timer forward (it would wait 30 days).
        await PublishAsync(lifecycle, halved, recentLogin, Day(0, 100_000m));
        Assert.Equal(Dec1.AddDays(49), Assert.Single(await TimersAsync(service, halved, "M16")).DueAt);
        await PublishAsync(lifecycle, halved, Day(20, 45_000m));
        await PublishAsync(lifecycle, fallen, recentLogin, Day(0, 100_000m), Day(20, 60_000m));

        // Down 55% on 21 December (Shanghai): the disengagement began at that day's start, already past.
        var fired = Assert.Single(await WaitForInstancesAsync(service, clock, halved, "M16", 1));
        Assert.Equal($"M16:{halved}:since-2026-12-20T16:00:00.000000Z", fired.InstanceKey);
        // Down 40%: only the no-login time, 30 days after the login, is pending.
        Assert.Equal(Dec1.AddDays(49), Assert.Single(await TimersAsync(service, fallen, "M16")).DueAt);
        Assert.Empty(await InstancesAsync(service, fallen, "M16"));

        // Still down the next day: the same disengagement.
        await PublishAsync(lifecycle, halved, Day(21, 44_000m));
        Assert.Single(await InstancesAsync(service, halved, "M16"));
        Assert.Empty(await TimersAsync(service, halved, "M16"));
    }

    [Fact]
    public async Task AFallThatComesWhileTheTimerWorkerSetsTheNoLoginTimeAgainStillPullsItForward()
    {
        var clock = new FakeTimeProvider(Dec1.AddDays(20).AddHours(10));
        await using var service = await LifecycleHost.StartAsync(postgres, redis, broker, clock);
        var (lifecycle, clientId) = (new LifecycleDriver(service, broker.BootstrapServers), LifecycleDriver.NewClientId());
        await PublishAsync(lifecycle, clientId, Login(Dec1.AddDays(19)), Day(0, 100_000m));
        var pending = Assert.Single(await TimersAsync(service, clientId, "M16"));

        // The worker re-setting the pending time (deleted, its successor inserted later), held open while the fall comes: the
        // review of this change found the fall's pull-forward missing both rows (an UPDATE then an INSERT), so the
        // disengagement that began on 21 December would have waited for the later time.
        await using var worker = new Npgsql.NpgsqlConnection(DatabaseOf(service));
        await worker.OpenAsync();
        await using var resetting = await worker.BeginTransactionAsync();
        await using (var claim = new Npgsql.NpgsqlCommand("DELETE FROM moment_timers WHERE id = $1", worker, resetting))
        {
            claim.Parameters.Add(new Npgsql.NpgsqlParameter { Value = pending.Id });
            await claim.ExecuteNonQueryAsync();
        }

        await using (var reset = new Npgsql.NpgsqlCommand("""
            INSERT INTO moment_timers (kind, rule_key, rule_version, client_id, instance_key, started_at, due_at, anchor_at, channel, priority)
            VALUES ('anchored', 'M16', $1, $2, $3, $4, $5, $5, 'sms', 75)
            """, worker, resetting))
        {
            var later = Dec1.AddDays(60);
            reset.Parameters.Add(new Npgsql.NpgsqlParameter { Value = pending.RuleVersion });
            reset.Parameters.Add(new Npgsql.NpgsqlParameter { Value = clientId });
            reset.Parameters.Add(new Npgsql.NpgsqlParameter { Value = $"M16:{clientId}:since-later" });
            reset.Parameters.Add(new Npgsql.NpgsqlParameter { Value = pending.StartedAt.UtcDateTime });
            reset.Parameters.Add(new Npgsql.NpgsqlParameter { Value = later.UtcDateTime });
            await reset.ExecuteNonQueryAsync();
        }

        var fall = (await lifecycle.PublishAsync(clientId, Day(20, 45_000m))).Single();
        await WaitingOnALockAsync(service, "the fall's batch waiting for the worker's transaction");
        await resetting.CommitAsync();
        await lifecycle.WaitUntilHandledAsync([fall]);

        var fired = Assert.Single(await WaitForInstancesAsync(service, clock, clientId, "M16", 1));
        Assert.Equal($"M16:{clientId}:since-2026-12-20T16:00:00.000000Z", fired.InstanceKey);
    }

    [Fact]
    public async Task AGoalReachedWhileTheTimerWorkerIsFiringItsMomentIsKept()
    {
        // M07: funded on 1 December, no investment within 7 days; its goal is a trade within 7 days of the moment.
        var clock = new FakeTimeProvider(Dec1.AddHours(10));
        await using var service = await LifecycleHost.StartAsync(postgres, redis, broker, clock);
        var (lifecycle, clientId) = (new LifecycleDriver(service, broker.BootstrapServers), LifecycleDriver.NewClientId());
        await PublishAsync(lifecycle, clientId, Approved(Dec1), Deposit(Dec1.AddHours(1), 10_000m));
        var wait = Assert.Single(await TimersAsync(service, clientId, "M07"));

        // The worker firing it, held open: the wait claimed, the instance inserted, not committed. The final review of the goal
        // filter found a goal event consumed in that window dropped (the instance was not visible to it yet).
        await using var worker = new Npgsql.NpgsqlConnection(DatabaseOf(service));
        await worker.OpenAsync();
        await using var firing = await worker.BeginTransactionAsync();
        await using (var claim = new Npgsql.NpgsqlCommand("DELETE FROM moment_timers WHERE id = $1", worker, firing))
        {
            claim.Parameters.Add(new Npgsql.NpgsqlParameter { Value = wait.Id });
            await claim.ExecuteNonQueryAsync();
        }

        // A month on (the first-deposit moment M06 fired on 1 December is past every window of a trade goal): the worker fires
        // M07 late, an hour before the client's trade.
        var trade = Dec1.AddMonths(1).AddDays(1);
        await using (var fire = new Npgsql.NpgsqlCommand("""
            INSERT INTO outreach_instances (instance_key, client_id, moment, rule_version, priority, fired_at, channel, decision, decide_after)
            VALUES ($1, $2, 'M07', $3, 50, $4, 'push', 'pending', $4)
            """, worker, firing))
        {
            fire.Parameters.Add(new Npgsql.NpgsqlParameter { Value = wait.InstanceKey });
            fire.Parameters.Add(new Npgsql.NpgsqlParameter { Value = clientId });
            fire.Parameters.Add(new Npgsql.NpgsqlParameter { Value = wait.RuleVersion });
            fire.Parameters.Add(new Npgsql.NpgsqlParameter { Value = trade.AddHours(-1).UtcDateTime });
            await fire.ExecuteNonQueryAsync();
        }

        // The trade's batch records its goal event first, then ends the M07 wait and waits for the worker's claim of it.
        var traded = await lifecycle.PublishAsync(clientId, Trade(trade, 5_000m));
        await WaitingOnALockAsync(service, "the trade's batch waiting for the worker's transaction");
        await firing.CommitAsync();
        await lifecycle.WaitUntilHandledAsync(traded);

        using var look = service.Services.CreateScope();
        Assert.True(await look.ServiceProvider.GetRequiredService<EngagementDbContext>().GoalEvents
            .AnyAsync(g => g.ClientId == clientId && g.EventName == "activity.trade" && g.OccurredAt == trade), "the trade kept as M07's goal");
    }

    [Fact]
    public async Task ATransferOutOfThirtyPercentOfTheAssetsBeforeItGetsAnAdvisorTaskAndASmallerOneDoesNot()
    {
        var clock = new FakeTimeProvider(Dec1.AddDays(1).AddHours(10));
        await using var service = await LifecycleHost.StartAsync(postgres, redis, broker, clock);
        var lifecycle = new LifecycleDriver(service, broker.BootstrapServers);
        var (large, small, unmeasured) = (LifecycleDriver.NewClientId(), LifecycleDriver.NewClientId(), LifecycleDriver.NewClientId());
        var transferAt = Dec1.AddDays(1).AddHours(9);

        var published = await PublishAsync(lifecycle, large, Day(0, 100_000m), TransferOut(transferAt, 30_000m));
        await PublishAsync(lifecycle, small, Day(0, 100_000m), TransferOut(transferAt, 29_999.99m));
        await PublishAsync(lifecycle, unmeasured, TransferOut(transferAt, 30_000m));

        var task = Assert.Single(await InstancesAsync(service, large, "M17"));
        Assert.Equal(($"M17:{large}:{published[1].EventId:D}", "advisor_task"), (task.InstanceKey, task.Channel));
        Assert.Empty(await InstancesAsync(service, small, "M17"));
        // No snapshot to measure it against: not known to be 30%.
        Assert.Empty(await InstancesAsync(service, unmeasured, "M17"));
    }

    [Fact]
    public async Task AMaturityIsRemindedThreeDaysAheadAtOnceWhenNearerAndNeverWhenPastOrUnknown()
    {
        var now = Dec1.AddHours(10);
        var clock = new FakeTimeProvider(now);
        await using var service = await LifecycleHost.StartAsync(postgres, redis, broker, clock);
        var lifecycle = new LifecycleDriver(service, broker.BootstrapServers);
        var (later, near, past, open) = (LifecycleDriver.NewClientId(), LifecycleDriver.NewClientId(), LifecycleDriver.NewClientId(), LifecycleDriver.NewClientId());

        var bought = await PublishAsync(lifecycle, later, Purchase(now, now.AddDays(20)));
        await PublishAsync(lifecycle, near, Purchase(now, now.AddDays(2)));
        await PublishAsync(lifecycle, past, Purchase(now.AddDays(-60), now.AddDays(-1)));
        await PublishAsync(lifecycle, open, Purchase(now, null));

        var pending = Assert.Single(await TimersAsync(service, later, "M10"));
        Assert.Equal((now.AddDays(17), $"M10:{later}:{bought[0].EventId:D}"), (pending.DueAt, pending.InstanceKey));
        Assert.Equal("sms", Assert.Single(await WaitForInstancesAsync(service, clock, near, "M10", 1)).Channel);
        Assert.Empty(await TimersAsync(service, past, "M10"));
        Assert.Empty(await TimersAsync(service, open, "M10"));

        clock.SetUtcNow(now.AddDays(17));
        Assert.Equal(pending.InstanceKey, Assert.Single(await WaitForInstancesAsync(service, clock, later, "M10", 1)).InstanceKey);
        Assert.Empty(await InstancesAsync(service, past, "M10"));
        Assert.Empty(await InstancesAsync(service, open, "M10"));
    }

    /// <summary>
    /// A purchase of a product in Content's seeded catalogue: every Engagement host of the run consumes it, and the pipeline
    /// tests' decisions ask the real Content, which refuses a product it does not know (see the notes).
    /// </summary>
    private static TestEvent Purchase(DateTimeOffset at, DateTimeOffset? maturesAt) => new(Messaging.Topics.ActivityEvents,
        c => new Activity.Events.ProductPurchase
        {
            ClientId = c, OccurredAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(at), ProductId = "money-market-fund",
            Amount = 10_000m.ToExact<Activity.Events.DecimalValue>(),
            MaturesAt = maturesAt is { } m ? Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(m) : null,
        }, at, $"purchase maturing {maturesAt:u}");

    /// <summary>The snapshot of 1 December + <paramref name="day"/> (Shanghai), taken at 16:00 Shanghai, with that much cash.</summary>
    /// <summary>The idle-cash run of <see cref="FiveIdleDaysAsync"/> began on 1 December 00:00 Shanghai.</summary>
    private static readonly DateTimeOffset IdleRunStart = new(2026, 11, 30, 16, 0, 0, TimeSpan.Zero);

    /// <summary>A host and a client whose cash stood at 60,000 (over the default 50,000) on five days from 1 December, with its pending M09 timer.</summary>
    private async Task<(ServiceFactory<EngagementDbContext> Service, LifecycleDriver Lifecycle, string ClientId, MomentTimer Pending)> FiveIdleDaysAsync(
        FakeTimeProvider clock)
    {
        var service = await LifecycleHost.StartAsync(postgres, redis, broker, clock);
        var (lifecycle, clientId) = (new LifecycleDriver(service, broker.BootstrapServers), LifecycleDriver.NewClientId());
        await PublishAsync(lifecycle, clientId, [.. Enumerable.Range(0, 5).Select(d => IdleDay(d, 60_000m))]);
        return (service, lifecycle, clientId, Assert.Single(await TimersAsync(service, clientId, "M09")));
    }

    private static TestEvent IdleDay(int day, decimal cash) => Snapshot(Date(day), 200_000m, cash, Dec1.AddDays(day).AddHours(8));

    /// <summary>The snapshot of 1 December + <paramref name="day"/> (Shanghai) with those total assets and little cash.</summary>
    private static TestEvent Day(int day, decimal total) => Snapshot(Date(day), total, 1_000m, Dec1.AddDays(day).AddHours(8));

    private static string Date(int day) => LifecycleEvents.Day(Dec1.AddDays(day).AddHours(8));

    private static async Task<List<Messaging.Envelope.EventEnvelope>> PublishAsync(LifecycleDriver lifecycle, string clientId, params TestEvent[] events)
    {
        var envelopes = await lifecycle.PublishAsync(clientId, events);
        await lifecycle.WaitUntilHandledAsync(envelopes);
        return envelopes;
    }

    private static string DatabaseOf(ServiceFactory<EngagementDbContext> service)
    {
        using var scope = service.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<EngagementDbContext>().Database.GetConnectionString()!;
    }

    /// <summary>Until a session of the service's database waits for a lock (a batch blocked by a test's open transaction).</summary>
    private static Task WaitingOnALockAsync(ServiceFactory<EngagementDbContext> service, string what) =>
        ChildProcess.WaitUntilAsync(async () =>
        {
            using var scope = service.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<EngagementDbContext>().Database
                .SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
                .SingleAsync() > 0;
        }, TimeSpan.FromSeconds(60), what);

    private static async Task<List<MomentTimer>> TimersAsync(ServiceFactory<EngagementDbContext> service, string clientId, string rule)
    {
        using var scope = service.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<EngagementDbContext>().MomentTimers.AsNoTracking()
            .Where(t => t.ClientId == clientId && t.RuleKey == rule).ToListAsync();
    }

    private static async Task<List<OutreachInstance>> InstancesAsync(ServiceFactory<EngagementDbContext> service, string clientId, string moment)
    {
        using var scope = service.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<EngagementDbContext>().OutreachInstances.AsNoTracking()
            .Where(i => i.ClientId == clientId && i.Moment == moment).ToListAsync();
    }

    private static async Task<List<OutreachInstance>> WaitForInstancesAsync(ServiceFactory<EngagementDbContext> service, FakeTimeProvider clock, string clientId,
        string moment, int count)
    {
        var found = new List<OutreachInstance>();
        await WaitUntilAsync(async () => (found = await InstancesAsync(service, clientId, moment)).Count >= count, clock, $"{count} {moment} instance(s)");
        return found;
    }

    /// <summary>Polls with a deadline; moves the clock a second a look so that the timer worker's pause (on that clock) ends.</summary>
    private static Task WaitUntilAsync(Func<Task<bool>> probe, FakeTimeProvider clock, string what) =>
        ChildProcess.WaitUntilAsync(async () =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            return await probe();
        }, TimeSpan.FromSeconds(60), what);
}
