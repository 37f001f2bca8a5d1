using System.Net;
using System.Text.Json;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Funnel;

/// <summary>GET /v1/reports/funnel in front of the fake FunnelReportService.</summary>
public sealed class FunnelReportTests(GatewayFixture fixture) : IAsyncLifetime
{
    private const string Route = "/v1/reports/funnel";

    private HttpClient operatorClient = null!;

    private FakeFunnelReportService Reports => fixture.Onboarding.FunnelReports;

    public async ValueTask InitializeAsync() => operatorClient = await fixture.Gateway.ClientAsAsync("operator", "ops-7");

    public ValueTask DisposeAsync()
    {
        operatorClient.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string UniqueFunnel(string prefix = "f") => $"{prefix}-{Guid.NewGuid():N}";

    private Task<HttpResponseMessage> GetAsync(string query, HttpClient? client = null) =>
        (client ?? operatorClient).GetAsync($"{Route}?{query}", TestContext.Current.CancellationToken);

    [Fact]
    public async Task ASlicedReportPassesTheWindowAndGroupingAndMapsEveryFigure()
    {
        var funnel = UniqueFunnel();

        using var response = await GetAsync($"funnel={funnel}&from=2026-11-01T00:00:00%2B08:00&to=2026-12-01T00:00:00Z&by=channel");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Reports.Received[funnel];
        Assert.Equal("channel", sent.By);
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 16, 0, 0, TimeSpan.Zero), sent.From.ToDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), sent.To.ToDateTimeOffset());

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var report = json.RootElement;
        Assert.Equal(funnel, report.GetProperty("funnel").GetString());
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 16, 0, 0, TimeSpan.Zero), report.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), report.GetProperty("to").GetDateTimeOffset());
        var groups = report.GetProperty("groups");
        Assert.Equal(["short_video", "branch"], groups.EnumerateArray().Select(group => group.GetProperty("key").GetString()));
        var group = groups[0];
        Assert.Equal(0.25, group.GetProperty("overallConversion").GetDouble());
        var steps = group.GetProperty("steps");
        Assert.Equal(["registered", "phone_verified", "id_uploaded"], steps.EnumerateArray().Select(step => step.GetProperty("step").GetString()));
        var phone = steps[1];
        Assert.Equal(6, phone.GetProperty("entered").GetInt64());
        Assert.Equal(2, phone.GetProperty("completed").GetInt64());
        Assert.Equal(4, phone.GetProperty("dropped").GetInt64());
        Assert.Equal(0.75, phone.GetProperty("conversionFromPrevious").GetDouble());
        Assert.Equal(JsonValueKind.Null, phone.GetProperty("medianSecondsFromPrevious").ValueKind);
        Assert.Equal(90.5, steps[2].GetProperty("medianSecondsFromPrevious").GetDouble());
    }

    [Fact]
    public async Task WithoutByOrAWindowThereIsOneGroupAllAndOpenEnds()
    {
        var funnel = UniqueFunnel();

        using var response = await GetAsync($"funnel={funnel}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Reports.Received[funnel];
        Assert.Equal("", sent.By);
        Assert.Null(sent.From);
        Assert.Null(sent.To);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("from").ValueKind);
        Assert.Equal(["all"], json.RootElement.GetProperty("groups").EnumerateArray().Select(group => group.GetProperty("key").GetString()));
    }

    [Fact]
    public async Task AnUnescapedPlusOfAnOffsetIsReadAsThePlusItWas()
    {
        var funnel = UniqueFunnel();

        using var response = await GetAsync($"funnel={funnel}&from=2026-11-01T00:00:00+08:00");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 16, 0, 0, TimeSpan.Zero), Reports.Received[funnel].From.ToDateTimeOffset());
    }

    [Theory]
    [InlineData("", "funnel")]
    [InlineData("funnel=", "funnel")]
    [InlineData("funnel=standard&by=device", "by")]
    [InlineData("funnel=standard&by=Channel", "by")]
    [InlineData("funnel=standard&from=2026-11-01", "from")]
    [InlineData("funnel=standard&from=2026-11-01T00:00:00", "from")]
    [InlineData("funnel=standard&to=yesterday", "to")]
    [InlineData("funnel=standard&from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "to")]
    [InlineData("funnel=standard&from=2026-11-01T00:00:00Z&to=2026-11-01T08:00:00%2B08:00", "to")]
    public async Task ABadQueryIs400NamingTheParameter(string query, string field)
    {
        using var response = await GetAsync(query);

        await response.ReadValidationProblemAsync(field);
    }

    [Fact]
    public async Task AnUnknownGroupingListsTheAllowedOnes()
    {
        using var response = await GetAsync("funnel=standard&by=device");

        var problem = await response.ReadValidationProblemAsync("by");
        Assert.StartsWith("Must be one of: channel, campaign, cohort, variant.", problem.GetProperty("errors").GetProperty("by")[0].GetString());
    }

    [Fact]
    public async Task AnUnknownFunnelIs404()
    {
        using var response = await GetAsync($"funnel={UniqueFunnel("missing")}");

        await response.ReadProblemAsync(404);
    }

    [Theory]
    [InlineData("client")]
    [InlineData("system")]
    public async Task OnlyOperatorsReadFunnelReports(string role)
    {
        var funnel = UniqueFunnel();
        using var client = await fixture.Gateway.ClientAsAsync(role, "c-1");

        using var response = await GetAsync($"funnel={funnel}", client);

        await response.ReadProblemAsync(403);
        Assert.False(Reports.Received.ContainsKey(funnel));
    }
}
