using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using Platform.Gateway.Tests.Infrastructure;
using Platform.Onboarding.Grpc;

namespace Platform.Gateway.Tests.Funnel;

/// <summary>GET|PUT /v1/config/funnels/{name} in front of the fake FunnelConfigService.</summary>
public sealed class FunnelConfigTests(GatewayFixture fixture) : IAsyncLifetime
{
    private HttpClient operatorClient = null!;

    private FakeFunnelConfigService FunnelConfig => fixture.Onboarding.FunnelConfig;

    public async ValueTask InitializeAsync() => operatorClient = await fixture.Gateway.ClientAsAsync("operator", "ops-7");

    public ValueTask DisposeAsync()
    {
        operatorClient.Dispose();
        return ValueTask.CompletedTask;
    }

    private static JsonObject Definition() => new()
    {
        ["name"] = "ignored-if-absent",
        ["steps"] = new JsonArray(
            new JsonObject { ["step"] = "registered" },
            new JsonObject { ["step"] = "phone_verified", ["optionalOnChannels"] = new JsonArray() },
            new JsonObject { ["step"] = "video_witnessed", ["optionalOnChannels"] = new JsonArray("branch", "advisor_referral") },
            new JsonObject { ["step"] = "approved" }),
        ["stallAfter"] = new JsonArray("PT30M", "PT24H", "P7D"),
        ["dormantAfter"] = "P3D",
    };

    private static string UniqueFunnel(string prefix = "f") => $"{prefix}-{Guid.NewGuid():N}";

    private Task<HttpResponseMessage> PutAsync(string name, JsonObject body, HttpClient? client = null) =>
        (client ?? operatorClient).PutAsync($"/v1/config/funnels/{name}", JsonContent.Create(body), TestContext.Current.CancellationToken);

    private Task<HttpResponseMessage> GetAsync(string name, HttpClient? client = null) =>
        (client ?? operatorClient).GetAsync($"/v1/config/funnels/{name}", TestContext.Current.CancellationToken);

    [Fact]
    public async Task PutSendsTheDefinitionAndAnswersTheNewVersion()
    {
        var name = UniqueFunnel();
        var body = Definition();
        body.Remove("name");

        using var response = await PutAsync(name, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = FunnelConfig.Received[name];
        Assert.Equal("ops-7", sent.ChangedBy);
        Assert.Equal(["registered", "phone_verified", "video_witnessed", "approved"], sent.Steps.Select(step => step.Step));
        Assert.Equal(["branch", "advisor_referral"], sent.Steps[2].OptionalOnChannels);
        Assert.Empty(sent.Steps[0].OptionalOnChannels);
        Assert.Equal([TimeSpan.FromMinutes(30), TimeSpan.FromHours(24), TimeSpan.FromDays(7)], sent.StallAfter.Select(d => d.ToTimeSpan()));
        Assert.Equal(TimeSpan.FromDays(3), sent.DormantAfter.ToTimeSpan());

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var answer = json.RootElement;
        Assert.Equal(name, answer.GetProperty("name").GetString());
        Assert.Equal(1, answer.GetProperty("version").GetInt32());
        Assert.Equal(["PT30M", "PT24H", "P7D"], answer.GetProperty("stallAfter").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("P3D", answer.GetProperty("dormantAfter").GetString());
        Assert.Equal("ops-7", answer.GetProperty("changedBy").GetString());
        Assert.Equal(FakeFunnelConfigService.ChangedAt, answer.GetProperty("changedAt").GetDateTimeOffset());
        var video = answer.GetProperty("steps")[2];
        Assert.Equal("video_witnessed", video.GetProperty("step").GetString());
        Assert.Equal(["branch", "advisor_referral"], video.GetProperty("optionalOnChannels").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task ADefinitionReadCanBePutBackAsTheNextVersion()
    {
        var name = UniqueFunnel();
        FunnelConfig.Store(new FunnelDefinitionReply
        {
            Name = name,
            Version = 4,
            Steps = { new FunnelStepDefinition { Step = "registered" }, new FunnelStepDefinition { Step = "approved", OptionalOnChannels = { "wecom" } } },
            StallAfter = { Duration.FromTimeSpan(TimeSpan.FromSeconds(90)), Duration.FromTimeSpan(TimeSpan.FromHours(36)), Duration.FromTimeSpan(TimeSpan.FromDays(2)) },
            DormantAfter = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(1500)),
            ChangedAt = Timestamp.FromDateTimeOffset(FakeFunnelConfigService.ChangedAt),
            ChangedBy = "ops-1",
        });

        using var get = await GetAsync(name);

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var read = JsonNode.Parse(await get.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
        Assert.Equal(4, read["version"]!.GetValue<int>());
        Assert.Equal(["PT1M30S", "PT36H", "P2D"], read["stallAfter"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal("PT1.5S", read["dormantAfter"]!.GetValue<string>());
        Assert.Equal("ops-1", read["changedBy"]!.GetValue<string>());
        Assert.Equal(["wecom"], read["steps"]![1]!["optionalOnChannels"]!.AsArray().Select(c => c!.GetValue<string>()));

        using var put = await PutAsync(name, read);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var sent = FunnelConfig.Received[name];
        Assert.Equal([TimeSpan.FromSeconds(90), TimeSpan.FromHours(36), TimeSpan.FromDays(2)], sent.StallAfter.Select(d => d.ToTimeSpan()));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), sent.DormantAfter.ToTimeSpan());
        Assert.Equal("ops-7", sent.ChangedBy);
        using var json = JsonDocument.Parse(await put.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(5, json.RootElement.GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData("PT30M")]
    [InlineData("PT24H")]
    [InlineData("P1D")]
    [InlineData("P7DT12H")]
    [InlineData("PT0.25S")]
    public async Task AnyIso8601DurationInDaysHoursMinutesOrSecondsIsRead(string duration)
    {
        var name = UniqueFunnel();
        var body = Definition();
        body.Remove("name");
        body["dormantAfter"] = duration;

        using var response = await PutAsync(name, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(System.Xml.XmlConvert.ToTimeSpan(duration), FunnelConfig.Received[name].DormantAfter.ToTimeSpan());
    }

    [Theory]
    [InlineData("steps", "[]", "steps")]
    [InlineData("steps", "null", "steps")]
    [InlineData("steps", """[{"step":"flying"}]""", "steps[0].step")]
    [InlineData("steps", """[{"step":"registered"},{"step":"rejected"}]""", "steps[1].step")]
    [InlineData("steps", """[{"step":"registered"},{"step":"approved"},{"step":"registered"}]""", "steps[2].step")]
    [InlineData("steps", """[{}]""", "steps[0].step")]
    [InlineData("steps", """[{"step":"registered","optionalOnChannels":["tv"]}]""", "steps[0].optionalOnChannels[0]")]
    [InlineData("steps", """[{"step":"registered","optionalOnChannels":["wecom","wecom"]}]""", "steps[0].optionalOnChannels")]
    [InlineData("stallAfter", "[]", "stallAfter")]
    [InlineData("stallAfter", """["PT1M","PT2M","PT3M","PT4M","PT5M","PT6M"]""", "stallAfter")]
    [InlineData("stallAfter", """["PT24H","PT30M"]""", "stallAfter[1]")]
    [InlineData("stallAfter", """["PT30M","PT30M"]""", "stallAfter[1]")]
    [InlineData("stallAfter", """["PT0S"]""", "stallAfter[0]")]
    [InlineData("stallAfter", """["P400D"]""", "stallAfter[0]")]
    [InlineData("stallAfter", """["soon"]""", "stallAfter")]
    [InlineData("stallAfter", """["P1M"]""", "stallAfter")]
    [InlineData("stallAfter", "\"PT30M\"", "stallAfter")]
    [InlineData("dormantAfter", "\"P1Y\"", "dormantAfter")]
    [InlineData("dormantAfter", "\"-P3D\"", "dormantAfter")]
    [InlineData("dormantAfter", "\"3 days\"", "dormantAfter")]
    [InlineData("dormantAfter", "259200", "dormantAfter")]
    [InlineData("dormantAfter", "null", "dormantAfter")]
    [InlineData("name", "\"another-funnel\"", "name")]
    public async Task ABadDefinitionIs400NamingTheField(string field, string json, string expectedField)
    {
        var name = UniqueFunnel();
        var body = Definition();
        body["name"] = name;
        body[field] = JsonNode.Parse(json);

        using var response = await PutAsync(name, body);

        await response.ReadValidationProblemAsync(expectedField);
        Assert.False(FunnelConfig.Received.ContainsKey(name));
    }

    [Fact]
    public async Task FieldErrorsFromTheServiceReachTheOperator()
    {
        var name = UniqueFunnel("invalid");
        var body = Definition();
        body.Remove("name");

        using var response = await PutAsync(name, body);

        var problem = await response.ReadValidationProblemAsync("steps[0].step");
        Assert.Equal("The definition breaks a rule.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnUnknownFunnelIs404()
    {
        using var response = await GetAsync(UniqueFunnel("never-stored"));

        var problem = await response.ReadProblemAsync(404);
        Assert.Equal("No such funnel.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ANameLongerThan64CharactersIs400()
    {
        using var response = await GetAsync(new string('f', 65));

        await response.ReadValidationProblemAsync("name");
    }

    [Theory]
    [InlineData("client")]
    [InlineData("system")]
    public async Task OnlyOperatorsReadOrChangeFunnels(string role)
    {
        var name = UniqueFunnel();
        using var client = await fixture.Gateway.ClientAsAsync(role, "c-1");

        using var get = await GetAsync("standard", client);
        using var put = await PutAsync(name, Definition(), client);

        await get.ReadProblemAsync(403);
        await put.ReadProblemAsync(403);
        Assert.False(FunnelConfig.Received.ContainsKey(name));
    }
}
