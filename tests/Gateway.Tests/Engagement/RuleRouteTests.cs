using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Engagement;

/// <summary>The rule routes through the gateway to the real Engagement: API.md's shape, versions, refusals naming the field, roles.</summary>
public sealed class RuleRouteTests(EngagementServicesFixture services) : IClassFixture<EngagementServicesFixture>
{
    private static string NewKey() => "r-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>API.md's example, with an absence.</summary>
    private static object FirstDeposit(string? key, int? version = null) => new
    {
        key, name = "first deposit received", stage = "S3", priority = 60, enabled = true,
        trigger = new { @event = "activity.deposit" },
        absence = new { @event = "activity.trade", alsoOn = new[] { "activity.product_purchase" }, within = "P7D" },
        conditions = new object[]
        {
            new { field = "client.tier", op = "in", values = new[] { "V0", "V1", "V2" } },
            new { field = "event.amount", op = ">=", value = 50000 },
        },
        once = "client",
        action = new { channel = "inbox", content = new { kind = "feature", tags = new[] { "funding-guide" } } },
        version,
    };

    [Fact]
    public async Task AnOperatorCreatesARuleAndReadsItBackInApisShape()
    {
        var ct = TestContext.Current.CancellationToken;
        using var operators = await services.Gateway.ClientAsAsync("operator", "ops-1");
        var key = NewKey();

        using var created = await operators.PostAsJsonAsync("/v1/rules", FirstDeposit(key), ct);
        var read = await operators.GetFromJsonAsync<JsonElement>($"/v1/rules/{key}", ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/v1/rules/{key}", created.Headers.Location?.OriginalString);
        Assert.Equal(["key", "name", "stage", "priority", "enabled", "trigger", "absence", "schedule", "conditions", "once", "action", "version"],
            read.EnumerateObject().Select(p => p.Name));
        Assert.Equal((key, "S3", 60, true, "client", 1), (read.GetProperty("key").GetString(), read.GetProperty("stage").GetString(),
            read.GetProperty("priority").GetInt32(), read.GetProperty("enabled").GetBoolean(), read.GetProperty("once").GetString(),
            read.GetProperty("version").GetInt32()));
        Assert.Equal("P7D", read.GetProperty("absence").GetProperty("within").GetString());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("schedule").ValueKind);
        var conditions = read.GetProperty("conditions");
        Assert.Equal(["V0", "V1", "V2"], conditions[0].GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        Assert.False(conditions[0].TryGetProperty("value", out _));
        Assert.Equal(50000, conditions[1].GetProperty("value").GetDecimal());
        Assert.Equal("funding-guide", read.GetProperty("action").GetProperty("content").GetProperty("tags")[0].GetString());
    }

    [Fact]
    public async Task TheSeventeenSeededMomentsAreListed()
    {
        var ct = TestContext.Current.CancellationToken;
        using var operators = await services.Gateway.ClientAsAsync("operator", "ops-1");

        var rules = await operators.GetFromJsonAsync<JsonElement>("/v1/rules", ct);
        var m15 = rules.EnumerateArray().Single(r => r.GetProperty("key").GetString() == "M15");

        Assert.Superset(Enumerable.Range(1, 17).Select(n => $"M{n:D2}").ToHashSet(), rules.EnumerateArray().Select(r => r.GetProperty("key").GetString()!).ToHashSet());
        Assert.Equal(("client.approvedAt", "P1Y", "P1Y"), (m15.GetProperty("schedule").GetProperty("at").GetString(),
            m15.GetProperty("schedule").GetProperty("offset").GetString(), m15.GetProperty("schedule").GetProperty("every").GetString()));
    }

    [Fact]
    public async Task APutIsTheNextVersionAndAStalePutIs409()
    {
        var ct = TestContext.Current.CancellationToken;
        using var operators = await services.Gateway.ClientAsAsync("operator", "ops-1");
        var key = NewKey();
        (await operators.PostAsJsonAsync("/v1/rules", FirstDeposit(key), ct)).Dispose();

        using var edited = await operators.PutAsJsonAsync($"/v1/rules/{key}", FirstDeposit(null, version: 1), ct);
        using var stale = await operators.PutAsJsonAsync($"/v1/rules/{key}", FirstDeposit(null, version: 1), ct);
        using var renamed = await operators.PutAsJsonAsync($"/v1/rules/{key}", FirstDeposit("another-key"), ct);
        using var unknown = await operators.PutAsJsonAsync($"/v1/rules/{NewKey()}", FirstDeposit(null), ct);
        using var taken = await operators.PostAsJsonAsync("/v1/rules", FirstDeposit(key), ct);

        Assert.Equal(2, (await edited.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("version").GetInt32());
        await stale.ReadProblemAsync(409);
        await renamed.ReadValidationProblemAsync("key");
        await unknown.ReadProblemAsync(404);
        await taken.ReadProblemAsync(409);
    }

    [Fact]
    public async Task EveryBadFieldIsA400NamingIt()
    {
        var ct = TestContext.Current.CancellationToken;
        using var operators = await services.Gateway.ClientAsAsync("operator", "ops-1");

        using var refused = await operators.PostAsJsonAsync("/v1/rules", new
        {
            key = NewKey(), name = "bad", priority = 101,
            trigger = new { @event = "activity.teleport" },
            conditions = new object[]
            {
                new { field = "client.tier", op = "in", values = new[] { "V1" } },
                new { field = "client.tier", op = ">", value = "V1" },
                new { field = "client.idleCashDays", op = ">=", value = "five" },
            },
            once = "forever",
            action = new { channel = "fax", content = new { kind = "article", tags = new[] { "ok" } }, whenCapped = "drop" },
        }, ct);
        using var nullTag = await operators.PostAsJsonAsync("/v1/rules", new
        {
            key = NewKey(), name = "x", trigger = new { @event = "activity.login" }, once = "client",
            action = new { channel = "inbox", content = new { kind = "insight", tags = new string?[] { null } } },
        }, ct);

        var errors = (await refused.ReadProblemAsync(400)).GetProperty("errors");
        Assert.Equal(["priority", "trigger.event", "conditions[1].op", "conditions[2].value", "once", "action.channel", "action.content.kind", "action.whenCapped"],
            errors.EnumerateObject().Select(e => e.Name));
        await nullTag.ReadValidationProblemAsync("action.content.tags[0]");
    }

    [Fact]
    public async Task OnlyOperatorsReachTheRules()
    {
        var ct = TestContext.Current.CancellationToken;
        using var anonymous = services.Gateway.CreateClient();
        using var client = await services.Gateway.ClientAsAsync("client", "c-1");
        using var system = await services.Gateway.ClientAsAsync("system", "core-1");

        using var none = await anonymous.GetAsync("/v1/rules", ct);
        using var byClient = await client.GetAsync("/v1/rules/M06", ct);
        using var bySystem = await system.PutAsJsonAsync("/v1/rules/M06", FirstDeposit(null), ct);

        await none.ReadProblemAsync(401);
        await byClient.ReadProblemAsync(403);
        await bySystem.ReadProblemAsync(403);
    }
}
