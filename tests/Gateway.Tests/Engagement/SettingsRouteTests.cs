using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Engagement;

/// <summary>GET|PUT /v1/config/engagement through the gateway and the real Engagement: the shape, versions, named refusals, roles.</summary>
public sealed class SettingsRouteTests(EngagementServicesFixture services) : IClassFixture<EngagementServicesFixture>
{
    private const string Route = "/v1/config/engagement";

    /// <summary>API.md's example with the additions (advisorTaskSla, priorityWindow, idleCashThreshold).</summary>
    public static JsonObject Valid() => new()
    {
        ["quietHours"] = new JsonObject { ["start"] = "22:00", ["end"] = "08:00", ["timeZone"] = "Asia/Shanghai", ["channels"] = new JsonArray("sms", "push") },
        ["caps"] = new JsonObject
        {
            ["push"] = new JsonObject { ["count"] = 3, ["per"] = "P7D" },
            ["sms"] = new JsonObject { ["count"] = 1, ["per"] = "P1D" },
        },
        ["holdoutPercent"] = 10,
        ["advisorTaskFromTier"] = "V5",
        ["advisorTaskSla"] = new JsonObject { ["default"] = "PT24H", ["byTier"] = new JsonObject { ["V6"] = "PT8H", ["V7"] = "PT4H" } },
        ["priorityWindow"] = "PT1M",
        ["idleCashThreshold"] = 50000,
    };

    [Fact]
    public async Task APutIsTheNextVersionAndIsWhatGetAnswersFromThenOn()
    {
        var ct = TestContext.Current.CancellationToken;
        using var operators = await services.Gateway.ClientAsAsync("operator", "ops-1");
        var before = await VersionAsync(operators);
        var body = Valid();
        body["holdoutPercent"] = 12.5m;
        body["quietHours"]!["timeZone"] = "Europe/Berlin";
        body["caps"]!["wecom"] = new JsonObject { ["count"] = 0, ["per"] = "PT1H" };
        body["version"] = 999;   // read-only: ignored

        using var put = await operators.PutAsJsonAsync(Route, body, ct);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var stored = JsonNode.Parse(await put.Content.ReadAsStringAsync(ct))!.AsObject();
        Assert.Equal(before + 1, (int)stored["version"]!);
        using var get = await operators.GetAsync(Route, ct);
        var current = JsonNode.Parse(await get.Content.ReadAsStringAsync(ct))!.AsObject();
        Assert.True(JsonNode.DeepEquals(stored, current), $"{stored}\n{current}");
        foreach (var field in new[] { "version", "changedAt" })
        {
            current.Remove(field);
        }

        body.Remove("version");
        Assert.True(JsonNode.DeepEquals(body, current), $"{body}\n{current}");
    }

    [Theory]
    [InlineData("quietHours.start", "\"24:00\"", "quietHours.start")]
    [InlineData("quietHours.end", "\"8:00\"", "quietHours.end")]
    [InlineData("quietHours.timeZone", "\"Mars/Olympus\"", "quietHours.timeZone")]
    [InlineData("quietHours.channels", "[\"sms\", \"fax\"]", "quietHours.channels[1]")]
    [InlineData("caps.fax", "{\"count\": 1, \"per\": \"P1D\"}", "caps.fax")]
    [InlineData("caps.sms.count", "-1", "caps.sms.count")]
    [InlineData("caps.sms.per", "\"P1M\"", "caps.sms.per")]
    [InlineData("caps.push.per", "\"PT0S\"", "caps.push.per")]
    [InlineData("holdoutPercent", "100.5", "holdoutPercent")]
    [InlineData("holdoutPercent", "12.345", "holdoutPercent")]
    [InlineData("advisorTaskFromTier", "\"V8\"", "advisorTaskFromTier")]
    [InlineData("advisorTaskSla.byTier", "{\"V9\": \"PT1H\"}", "advisorTaskSla.byTier.V9")]
    [InlineData("advisorTaskSla.default", "\"tomorrow\"", "advisorTaskSla.default")]
    [InlineData("priorityWindow", "\"PT0S\"", "priorityWindow")]
    [InlineData("idleCashThreshold", "-1", "idleCashThreshold")]
    [InlineData("quietHours", "null", "quietHours")]
    [InlineData("advisorTaskSla.default", "null", "advisorTaskSla.default")]
    public async Task EveryBadFieldIsA400NamingItAndNothingChanges(string path, string json, string field)
    {
        var ct = TestContext.Current.CancellationToken;
        using var operators = await services.Gateway.ClientAsAsync("operator", "ops-1");
        var before = await VersionAsync(operators);
        var body = Valid();
        Set(body, path, JsonNode.Parse(json));

        using var response = await operators.PutAsync(Route, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), ct);

        await response.ReadValidationProblemAsync(field);
        Assert.Equal(before, await VersionAsync(operators));
    }

    [Theory]
    [InlineData("client", HttpStatusCode.Forbidden)]
    [InlineData("system", HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    public async Task OnlyOperatorsReadOrChangeTheSettings(string? role, HttpStatusCode expected)
    {
        var ct = TestContext.Current.CancellationToken;
        using var caller = role is null ? services.Gateway.CreateClient() : await services.Gateway.ClientAsAsync(role, role == "client" ? "c-1" : "core-1");

        using var get = await caller.GetAsync(Route, ct);
        using var put = await caller.PutAsJsonAsync(Route, Valid(), ct);

        Assert.Equal((expected, expected), (get.StatusCode, put.StatusCode));
    }

    private static async Task<int> VersionAsync(HttpClient operators)
    {
        using var response = await operators.GetAsync(Route, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return json.RootElement.GetProperty("version").GetInt32();
    }

    private static void Set(JsonObject body, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var parent = parts[..^1].Aggregate(body, (node, part) => node[part]!.AsObject());
        parent[parts[^1]] = value;
    }
}
