using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Engagement.Outreach;
using Platform.Engagement.Outreach.Decisions;
using Platform.Engagement.Policies;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Processes;
using Platform.TestSupport.Redis;

namespace Platform.Engagement.Tests.Outreach;

/// <summary>
/// A decision round's limits, on the real Engagement asking the real Content (real PostgreSQL, Redis and DevBroker, a fake
/// clock on a Shanghai afternoon): one client's failure costs only that client, a round stops at its lease's margin, and a
/// decision whose lease another replica took over is not recorded but counted. Instances are stored due, as firing stores them.
/// </summary>
public sealed class DecisionRoundTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private static readonly DecisionOptions Defaults = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero));
    private PipelineHosts hosts = null!;

    public async ValueTask InitializeAsync() => hosts = await PipelineHosts.StartAsync("rounds", postgres, redis, broker.BootstrapServers, clock);

    public ValueTask DisposeAsync() => hosts.DisposeAsync();

    [Fact]
    public async Task AClientWhoseDecisionThrowsKeepsItsInstancesLeasedAndTheRoundsOtherClientsAreRecorded()
    {
        var (poisoned, other) = (Client("poisoned"), Client("other"));
        var firedAt = clock.GetUtcNow().AddMinutes(-2);
        // Values that are not all strings: reading them throws (the review of issue 12 found one such client failing the whole
        // round, every round, so the other client's instance was never decided).
        var bad = OutreachRows.Instance("M04", poisoned, firedAt, OutreachDecisions.Pending, contentValues: """{"amount": 1}""");
        var good = OutreachRows.Instance("M04", other, firedAt, OutreachDecisions.Pending);
        await OutreachRows.DecideAsync(hosts.Engagement.Services, clock.GetUtcNow(), bad, good);

        await hosts.WhenAsync(db => db.OutreachInstances.AnyAsync(i => i.InstanceKey == good.InstanceKey && i.Decision != OutreachDecisions.Pending),
            "the other client's instance decided");

        var stuck = await InstanceAsync(bad.InstanceKey);
        Assert.Equal(OutreachDecisions.Pending, stuck.Decision);
        Assert.True(stuck.DecideAfter > bad.DecideAfter, "the failed client's instance was claimed, and stays leased");
    }

    [Fact]
    public async Task ARoundThatReachesItsLeaseMarginRecordsWhatItDecidedAndLeavesTheRestLeasedForTheNextClaim()
    {
        var clientId = Client("slow");
        var firedAt = clock.GetUtcNow().AddMinutes(-2);
        // A client's instances are decided one after another (equal priority: the older first).
        var first = OutreachRows.Instance("M04", clientId, firedAt, OutreachDecisions.Pending);
        var second = OutreachRows.Instance("M06", clientId, firedAt.AddSeconds(1), OutreachDecisions.Pending);
        var slow = 0;
        // Content slow to answer the first one: the clock reaches the round's lease margin before its words come.
        hosts.ContentCalls.BeforeClient = client =>
        {
            if (client == clientId && Interlocked.Exchange(ref slow, 1) == 0)
            {
                clock.Advance(Defaults.Lease - Defaults.LeaseMargin);
            }

            return Task.CompletedTask;
        };
        await OutreachRows.DecideAsync(hosts.Engagement.Services, clock.GetUtcNow(), first, second);
        await ClaimedAsync(first);

        // The clock stands still from here: the lease the round took does not end.
        await ChildProcess.WaitUntilAsync(async () => (await InstanceAsync(first.InstanceKey)).Decision != OutreachDecisions.Pending,
            TimeSpan.FromSeconds(60), "the first instance decided");
        var left = await InstanceAsync(second.InstanceKey);
        Assert.Equal(OutreachDecisions.Pending, left.Decision);
        Assert.True(left.DecideAfter > second.DecideAfter, "the second instance stays leased");
        await hosts.WhenAsync(db => db.OutreachInstances.AnyAsync(i => i.InstanceKey == second.InstanceKey && i.Decision != OutreachDecisions.Pending),
            "the second instance decided when claimed again");
    }

    [Fact]
    public async Task ADecisionWhoseLeaseAnotherReplicaTookOverIsNotRecordedAndIsCounted()
    {
        var clientId = Client("overtaken");
        var instance = OutreachRows.Instance("M04", clientId, clock.GetUtcNow().AddMinutes(-2), OutreachDecisions.Pending);
        using var counters = new CounterReader(hosts.Engagement.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), OutreachTelemetry.MeterName);
        var overtaken = 0;
        DateTimeOffset otherLease = default;
        // While the words come, the lease ends and another replica claims the instance.
        hosts.ContentCalls.BeforeClient = async client =>
        {
            if (client == clientId && Interlocked.Exchange(ref overtaken, 1) == 0)
            {
                clock.Advance(Defaults.Lease);
                otherLease = clock.GetUtcNow() + TimeSpan.FromMinutes(5);
                using var scope = hosts.Engagement.Services.CreateScope();
                await InstanceLeases.ClaimAsync(scope.ServiceProvider.GetRequiredService<EngagementDbContext>(), clock.GetUtcNow(), otherLease, 1000,
                    CancellationToken.None);
            }
        };
        await OutreachRows.DecideAsync(hosts.Engagement.Services, clock.GetUtcNow(), instance);
        await ClaimedAsync(instance);

        await ChildProcess.WaitUntilAsync(() => Task.FromResult(counters.Sum("engagement.outreach.lease_lost") >= 1), TimeSpan.FromSeconds(60),
            "the lost decision counted");
        var stored = await InstanceAsync(instance.InstanceKey);
        Assert.Equal((OutreachDecisions.Pending, otherLease), (stored.Decision, stored.DecideAfter));
    }

    /// <summary>Until the decision worker has claimed <paramref name="instance"/>, moving the clock a second a try (the worker pauses on it).</summary>
    private Task ClaimedAsync(OutreachInstance instance) =>
        ChildProcess.WaitUntilAsync(async () =>
        {
            if ((await InstanceAsync(instance.InstanceKey)).DecideAfter > instance.DecideAfter)
            {
                return true;
            }

            clock.Advance(TimeSpan.FromSeconds(1));
            return false;
        }, TimeSpan.FromSeconds(60), "the instance claimed");

    private async Task<OutreachInstance> InstanceAsync(string instanceKey)
    {
        OutreachInstance? stored = null;
        await hosts.WithDbAsync(async db => stored = await db.OutreachInstances.AsNoTracking().SingleAsync(i => i.InstanceKey == instanceKey));
        return stored!;
    }

    private static string Client(string name) =>
        Enumerable.Range(0, 10_000).Select(i => $"round-{name}-{Guid.NewGuid().ToString("N")[..6]}-{i}").First(c => !HoldoutPolicy.IsHeldOut(c, 10));
}
