using Grpc.Core;
using Platform.Engagement.Grpc;
using Platform.Engagement.Outreach;
using Platform.TestSupport.Auth;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using static Platform.Engagement.Tests.Outreach.OutreachRows;

namespace Platform.Engagement.Tests.Outreach;

/// <summary>A client's audit trail on real PostgreSQL: every decided instance and why, newest first; pending ones not yet.</summary>
public sealed class OutreachAuditTests(PostgresFixture postgres, RedisFixture redis) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 4, 0, 0, TimeSpan.Zero);
    private readonly ReportHost host = new(postgres, redis);

    public async ValueTask InitializeAsync() => await host.StartAsync();

    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task TheAuditListsTheClientsDecidedInstancesNewestFirstWithEveryField()
    {
        var delivered = Instance("M04", "c-1", T0, OutreachDecisions.Sent);
        delivered.DeliveredAt = T0.AddMinutes(2);
        var deferred = Instance("M09", "c-1", T0.AddHours(1), OutreachDecisions.Deferred, OutreachReasons.QuietHours, suffix: "episode-1");
        (deferred.DeferredUntil, deferred.ItemId) = (T0.AddHours(5), null);
        var holdout = Instance("M02", "c-1", T0.AddHours(2), OutreachDecisions.Suppressed, OutreachReasons.Holdout, suffix: "episode-1:level-1");
        holdout.ItemId = null;
        await host.StoreAsync([delivered, deferred, holdout, Instance("M06", "c-1", T0.AddHours(3), OutreachDecisions.Pending),
            Instance("M04", "c-2", T0.AddHours(4), OutreachDecisions.Sent)]);

        var audit = await host.Audit(TestTokens.Operator()).ListOutreachAsync(new ListOutreachRequest { ClientId = "c-1" });

        Assert.Equal(["M02:c-1:episode-1:level-1", "M09:c-1:episode-1", "M04:c-1:client"], audit.Instances.Select(i => i.InstanceKey));
        var sent = audit.Instances[2];
        Assert.Equal(("M04", 1, T0, "sent", "", "push", "item-M04"), (sent.Moment, sent.RuleVersion, sent.FiredAt.ToDateTimeOffset(), sent.Decision, sent.Reason, sent.Channel, sent.ItemId));
        Assert.Equal((T0.AddMinutes(1), T0.AddMinutes(2)), (sent.DecidedAt.ToDateTimeOffset(), sent.DeliveredAt.ToDateTimeOffset()));
        Assert.Null(sent.DeferredUntil);
        var later = audit.Instances[1];
        Assert.Equal(("deferred", "quiet_hours", "", T0.AddHours(5)), (later.Decision, later.Reason, later.ItemId, later.DeferredUntil.ToDateTimeOffset()));
        Assert.Null(later.DeliveredAt);
        Assert.Equal(("suppressed", "holdout"), (audit.Instances[0].Decision, audit.Instances[0].Reason));
    }

    [Fact]
    public async Task AnUnknownClientHasAnEmptyAuditAndTheLimitIsChecked()
    {
        var audit = host.Audit(TestTokens.Operator());

        Assert.Empty((await audit.ListOutreachAsync(new ListOutreachRequest { ClientId = "nobody" })).Instances);
        var refused = await Assert.ThrowsAsync<RpcException>(() => audit.ListOutreachAsync(new ListOutreachRequest { ClientId = "c-1", Limit = 1001 }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
    }

    [Theory]
    [InlineData("client")]
    [InlineData("system")]
    public async Task OnlyOperatorsReadTheAudit(string role)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            host.Audit(TestTokens.Mint(role, "c-1")).ListOutreachAsync(new ListOutreachRequest { ClientId = "c-1" }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }
}
