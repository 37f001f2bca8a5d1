extern alias EngagementApp;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Gateway.Tests.Infrastructure;
using OutreachInstance = EngagementApp::Platform.Engagement.Outreach.OutreachInstance;

namespace Platform.Gateway.Tests.Engagement;

/// <summary>The outreach audit through the gateway and the real Engagement: API.md's shape field by field, roles, bad values.</summary>
public sealed class OutreachRouteTests(EngagementServicesFixture services) : IClassFixture<EngagementServicesFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task OperatorsReadAClientsDecidedInstancesNewestFirstInApiMdsShape()
    {
        var clientId = "audit-" + Guid.NewGuid().ToString("N")[..10];
        await services.WithDbAsync(async db =>
        {
            db.AddRange(
                Instance(clientId, "M04", "client", T0, "sent", null, "push", "item-welcome", deliveredAt: T0.AddMinutes(2)),
                Instance(clientId, "M09", "episode-1", T0.AddHours(1), "deferred", "quiet_hours", "sms", null, deferredUntil: T0.AddHours(5)),
                Instance(clientId, "M06", "client", T0.AddHours(2), "pending", null, "inbox", null));
            await db.SaveChangesAsync();
        });
        using var operators = await services.Gateway.ClientAsAsync("operator", "audit-ops");

        var audit = await operators.GetFromJsonAsync<JsonElement>($"/v1/clients/{clientId}/outreach", TestContext.Current.CancellationToken);

        var instances = audit.GetProperty("instances").EnumerateArray().ToList();
        Assert.Equal([$"M09:{clientId}:episode-1", $"M04:{clientId}:client"], instances.Select(i => i.GetProperty("instanceKey").GetString()));
        Assert.Equal(
            ["instanceKey", "moment", "ruleVersion", "firedAt", "decision", "reason", "channel", "itemId", "deferredUntil", "decidedAt", "deliveredAt"],
            instances[0].EnumerateObject().Select(p => p.Name));
        var deferred = instances[0];
        Assert.Equal(("M09", 3, "deferred", "quiet_hours", "sms", JsonValueKind.Null, JsonValueKind.Null),
            (deferred.GetProperty("moment").GetString(), deferred.GetProperty("ruleVersion").GetInt32(), deferred.GetProperty("decision").GetString(),
                deferred.GetProperty("reason").GetString(), deferred.GetProperty("channel").GetString(), deferred.GetProperty("itemId").ValueKind,
                deferred.GetProperty("deliveredAt").ValueKind));
        Assert.Equal((T0.AddHours(1), T0.AddHours(5)), (deferred.GetProperty("firedAt").GetDateTimeOffset(), deferred.GetProperty("deferredUntil").GetDateTimeOffset()));
        var sent = instances[1];
        Assert.Equal(("sent", JsonValueKind.Null, "item-welcome", JsonValueKind.Null),
            (sent.GetProperty("decision").GetString(), sent.GetProperty("reason").ValueKind, sent.GetProperty("itemId").GetString(),
                sent.GetProperty("deferredUntil").ValueKind));
        Assert.Equal((T0.AddMinutes(1), T0.AddMinutes(2)), (sent.GetProperty("decidedAt").GetDateTimeOffset(), sent.GetProperty("deliveredAt").GetDateTimeOffset()));
    }

    [Fact]
    public async Task BadValuesAre400AndOnlyOperatorsReadTheAudit()
    {
        var ct = TestContext.Current.CancellationToken;
        using var operators = await services.Gateway.ClientAsAsync("operator", "audit-ops");
        using var client = await services.Gateway.ClientAsAsync("client", "audit-client");
        using var system = await services.Gateway.ClientAsAsync("system", "core-1");
        using var anonymous = services.Gateway.CreateClient();

        using var limit = await operators.GetAsync("/v1/clients/audit-client/outreach?limit=1001", ct);
        using var unknown = await operators.GetAsync("/v1/clients/nobody-here/outreach", ct);
        using var own = await client.GetAsync("/v1/clients/audit-client/outreach", ct);
        using var bySystem = await system.GetAsync("/v1/clients/audit-client/outreach", ct);
        using var byNobody = await anonymous.GetAsync("/v1/clients/audit-client/outreach", ct);

        await limit.ReadValidationProblemAsync("limit");
        Assert.Equal(0, (await unknown.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("instances").GetArrayLength());
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized), (own.StatusCode, bySystem.StatusCode, byNobody.StatusCode));
    }

    private static OutreachInstance Instance(string clientId, string moment, string business, DateTimeOffset firedAt, string decision, string? reason,
        string channel, string? itemId, DateTimeOffset? deferredUntil = null, DateTimeOffset? deliveredAt = null) => new()
    {
        InstanceKey = $"{moment}:{clientId}:{business}", ClientId = clientId, Moment = moment, RuleVersion = 3, Priority = 50, FiredAt = firedAt,
        Channel = channel, Decision = decision, Reason = reason, DecideAfter = firedAt.AddMinutes(1), DeferredUntil = deferredUntil,
        DecidedAt = decision == "pending" ? null : firedAt.AddMinutes(1), DeliveredAt = deliveredAt, ItemId = itemId, Title = "Hello", Body = "Words",
    };
}
