using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Engagement.Grpc;
using Platform.Engagement.Outreach;
using Platform.Engagement.Outreach.Reports;
using Platform.TestSupport.Auth;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using static Platform.Engagement.Outreach.OutreachDecisions;
using static Platform.Engagement.Tests.Outreach.OutreachRows;

namespace Platform.Engagement.Tests.Outreach;

/// <summary>The moments report on real PostgreSQL over instances and goal events written directly: counts, uplift, range and roles.</summary>
public sealed class MomentReportTests(PostgresFixture postgres, RedisFixture redis) : IAsyncLifetime
{
    private readonly ReportHost host = new(postgres, redis);

    private DateTimeOffset T0 => new(2026, 11, 20, 4, 0, 0, TimeSpan.Zero);

    // Client ids of this test's own: every Engagement host of the assembly consumes the events other tests publish on the
    // shared broker and records their goal events too.
    private readonly string run = Guid.NewGuid().ToString("N")[..8];

    private string C(int n) => $"report-{run}-c{n}";

    public async ValueTask InitializeAsync() => await host.StartAsync();

    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task EachMomentThatFiredIsCountedByDecisionAndReasonWithItsUpliftInKeyOrder()
    {
        await host.StoreAsync(
        [
            // M04 (goal: activity.deposit within 3 days). Treated: c-1, c-3, c-4 converted; c-2's deposits are before and after the window.
            Instance("M04", C(1), T0, Sent), Instance("M04", C(2), T0, Sent), Instance("M04", C(3), T0, Sent), Instance("M04", C(4), T0, Sent),
            // Holdout: c-5 converted, c-6 did not.
            Instance("M04", C(5), T0, Suppressed, OutreachReasons.Holdout), Instance("M04", C(6), T0, Suppressed, OutreachReasons.Holdout),
            Instance("M04", C(7), T0, Suppressed, OutreachReasons.Cap), Instance("M04", C(8), T0, Suppressed, OutreachReasons.Cap),
            Instance("M04", C(9), T0, Suppressed, OutreachReasons.NoContent), Instance("M04", C(10), T0, Deferred, OutreachReasons.QuietHours),
            Instance("M04", C(11), T0, Failed, OutreachReasons.DeliveryFailed), Instance("M04", C(12), T0, Pending),
            // Outside [from, to): counted nowhere.
            Instance("M04", C(13), T0.AddDays(-2), Sent), Instance("M04", C(14), T0.AddDays(10), Sent),
            // M01: treated only, nobody converted (a deposit is not its goal): no difference.
            Instance("M01", C(1), T0, Sent),
            // An operator's rule: no goal, no uplift.
            Instance("promo-x", C(2), T0, Sent, channel: "inbox"),
        ],
        [
            Goal(C(1), "activity.deposit", T0.AddDays(1)), Goal(C(1), "activity.deposit", T0.AddDays(1)), // replayed: one row
            Goal(C(2), "activity.deposit", T0.AddHours(-1)), Goal(C(2), "activity.deposit", T0.AddDays(3).AddSeconds(1)),
            Goal(C(3), "activity.deposit", T0.AddDays(3)), // the window's last instant counts
            Goal(C(4), "activity.login", T0.AddHours(1)), Goal(C(4), "activity.deposit", T0.AddDays(2)),
            Goal(C(5), "activity.deposit", T0.AddHours(5)),
            Goal(C(6), "activity.withdrawal", T0.AddHours(5)), // no goal names it: not kept
        ]);

        var report = await host.Reports(TestTokens.Operator()).GetMomentReportAsync(new MomentReportRequest
        {
            From = Timestamp.FromDateTimeOffset(T0.AddDays(-1)), To = Timestamp.FromDateTimeOffset(T0.AddDays(10)),
        });

        Assert.Equal(["M01", "M04", "promo-x"], report.Moments.Select(m => m.Moment));
        var m04 = report.Moments[1];
        Assert.Equal((12L, 4L, 1L, 1L), (m04.Fired, m04.Sent, m04.Deferred, m04.Failed));
        Assert.Equal(new Dictionary<string, long> { ["cap"] = 2, ["holdout"] = 2, ["no_content"] = 1 }, m04.Suppressed);
        Assert.Equal(("activity.deposit", "P3D"), (m04.Uplift.Goal, m04.Uplift.Window));
        Assert.Equal((4L, 3L, 0.75), (m04.Uplift.Treated.Clients, m04.Uplift.Treated.Converted, m04.Uplift.Treated.Rate));
        Assert.Equal((2L, 1L, 0.5), (m04.Uplift.Holdout.Clients, m04.Uplift.Holdout.Converted, m04.Uplift.Holdout.Rate));
        // se = sqrt(0.75·0.25/4 + 0.5·0.5/2) = sqrt(0.171875); 0.25 ± 1.959963985·0.41457809.
        Assert.True(m04.Uplift.HasDifference);
        Assert.Equal(0.25, m04.Uplift.Difference, 12);
        Assert.Equal(-0.5625581424161613, m04.Uplift.Ci95Low, 12);
        Assert.Equal(1.0625581424161612, m04.Uplift.Ci95High, 12);
        var m01 = report.Moments[0];
        Assert.Equal((1L, 1L, 0L, 0L, 0), (m01.Fired, m01.Sent, m01.Deferred, m01.Failed, m01.Suppressed.Count));
        Assert.Equal((1L, 0L, true, 0.0), (m01.Uplift.Treated.Clients, m01.Uplift.Treated.Converted, m01.Uplift.Treated.HasRate, m01.Uplift.Treated.Rate));
        Assert.Equal((0L, false, false), (m01.Uplift.Holdout.Clients, m01.Uplift.Holdout.HasRate, m01.Uplift.HasDifference));
        Assert.Null(report.Moments[2].Uplift);
        using var scope = host.Service.Services.CreateScope();
        string[] ours = [.. Enumerable.Range(1, 14).Select(C)];
        // Kept: only events that can count for some instance (fired before them, within the longest window of the moments whose
        // goal they are): c-2's deposit before its M04, c-4's login (it has no M14 or M16) and the withdrawal are not.
        var kept = await scope.ServiceProvider.GetRequiredService<EngagementDbContext>().GoalEvents.Where(g => ours.Contains(g.ClientId))
            .Select(g => g.ClientId + " " + g.EventName).ToListAsync();
        Assert.Equal([C(1) + " activity.deposit", C(2) + " activity.deposit", C(3) + " activity.deposit", C(4) + " activity.deposit", C(5) + " activity.deposit"],
            kept.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AClientWithSeveralInstancesOfAMomentIsOneClientConvertedByAnyOfThem()
    {
        await host.StoreAsync(
            [Instance("M02", C(1), T0, Sent, suffix: "episode-1:level-1"), Instance("M02", C(1), T0.AddDays(2), Sent, suffix: "episode-1:level-2")],
            [Goal(C(1), "onboarding.StepRecorded", T0.AddDays(2).AddHours(1))]);

        var report = await host.Reports(TestTokens.Operator()).GetMomentReportAsync(new MomentReportRequest
        {
            From = Timestamp.FromDateTimeOffset(T0), To = Timestamp.FromDateTimeOffset(T0.AddDays(5)),
        });

        var m02 = Assert.Single(report.Moments);
        Assert.Equal((2L, 1L, 1L), (m02.Fired, m02.Uplift.Treated.Clients, m02.Uplift.Treated.Converted));
    }

    [Fact]
    public async Task WithoutFromAndToTheReportCoversTheLastThirtyDays()
    {
        var now = host.Clock.GetUtcNow();
        await host.StoreAsync([Instance("M04", C(1), now.AddDays(-29), Sent), Instance("M04", C(2), now.AddDays(-31), Sent)]);

        var report = await host.Reports(TestTokens.Operator()).GetMomentReportAsync(new MomentReportRequest());

        Assert.Equal((now.AddDays(-30), now), (report.From.ToDateTimeOffset(), report.To.ToDateTimeOffset()));
        Assert.Equal(1, Assert.Single(report.Moments).Fired);
    }

    [Fact]
    public async Task ToNotAfterFromIsRefusedNamingTo()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => host.Reports(TestTokens.Operator()).GetMomentReportAsync(new MomentReportRequest
        {
            From = Timestamp.FromDateTimeOffset(T0), To = Timestamp.FromDateTimeOffset(T0),
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(["to"], System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string[]>>(refused.Trailers.GetValueBytes("field-errors-bin"))!.Keys);
    }

    [Theory]
    [InlineData("client")]
    [InlineData("system")]
    public async Task OnlyOperatorsReadTheReport(string role)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            host.Reports(TestTokens.Mint(role, C(1))).GetMomentReportAsync(new MomentReportRequest()).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    private static GoalEvent Goal(string clientId, string name, DateTimeOffset at) => new() { ClientId = clientId, EventName = name, OccurredAt = at };
}
