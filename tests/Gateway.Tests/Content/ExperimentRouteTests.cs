using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Gateway.Tests.Funnel;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Content;

/// <summary>Experiments, their results and conversions through to (fake) Content.</summary>
public sealed class ExperimentRouteTests(GatewayFixture fixture)
{
    private static object Welcome(string key, int? version = null) => new
    {
        key, status = "running", conversionWindow = "P7D", version,
        variants = new[] { new { name = "control", weight = 50, itemId = "welcome-a" }, new { name = "b", weight = 50, itemId = "welcome-b" } },
    };

    [Fact]
    public async Task AnOperatorCreatesReadsAndChangesAnExperimentAndAStaleVersionIs409()
    {
        using var operators = await fixture.Gateway.ClientAsAsync("operator", "ops-1");
        var ct = TestContext.Current.CancellationToken;
        var key = $"x-{Guid.NewGuid():N}"[..20];

        using var created = await operators.PostAsJsonAsync("/v1/experiments", Welcome(key), ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/v1/experiments/{key}", created.Headers.Location!.OriginalString);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal(["key", "status", "variants", "conversionWindow", "version", "updatedAt"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("welcome-b", body.GetProperty("variants")[1].GetProperty("itemId").GetString());

        using var changed = await operators.PutAsJsonAsync($"/v1/experiments/{key}", Welcome(key, version: 1), ct);
        Assert.Equal(2, (await changed.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("version").GetInt32());
        using var stale = await operators.PutAsJsonAsync($"/v1/experiments/{key}", Welcome(key, version: 1), ct);
        await stale.ReadProblemAsync(409);
        using var zero = await operators.PutAsJsonAsync($"/v1/experiments/{key}", Welcome(key, version: 0), ct);
        await zero.ReadValidationProblemAsync("version");
    }

    [Fact]
    public async Task MissingFieldsAreNamedAndContentsFieldErrorsComeThrough()
    {
        using var operators = await fixture.Gateway.ClientAsAsync("operator", "ops-1");
        var ct = TestContext.Current.CancellationToken;

        using var missing = await operators.PostAsJsonAsync("/v1/experiments", new { key = "x-missing", variants = new object?[] { null, new { name = "b" } } }, ct);
        var problem = await missing.ReadValidationProblemAsync("status");
        var named = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Contains("conversionWindow", named);
        Assert.Contains("variants[0]", named);
        Assert.Contains("variants[1].weight", named);

        using var badStatus = await operators.PostAsJsonAsync("/v1/experiments", new
        {
            key = "x-paused", status = "paused", conversionWindow = "P7D",
            variants = new[] { new { name = "a", weight = 1, itemId = "i-a" }, new { name = "b", weight = 1, itemId = "i-b" } },
        }, ct);
        await badStatus.ReadValidationProblemAsync("status");
    }

    [Fact]
    public async Task ResultsFollowApiMdsShape()
    {
        using var operators = await fixture.Gateway.ClientAsAsync("operator", "ops-1");

        var results = await operators.GetFromJsonAsync<JsonElement>("/v1/experiments/welcome-copy/results", TestContext.Current.CancellationToken);

        var (control, b) = (results.GetProperty("variants")[0], results.GetProperty("variants")[1]);
        Assert.Equal(["name", "exposures", "conversions", "rate", "lift", "difference", "ci95", "pValue"], control.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, control.GetProperty("pValue").ValueKind);
        Assert.Equal(JsonValueKind.Null, control.GetProperty("ci95").ValueKind);
        Assert.Equal(0.0354885, b.GetProperty("pValue").GetDouble(), 7);
        Assert.Equal(2, b.GetProperty("ci95").GetArrayLength());
        Assert.False(results.GetProperty("sampleRatioMismatch").GetProperty("detected").GetBoolean());
    }

    [Fact]
    public async Task AConversionIs202AndIdempotentPerExperimentAndAReplayWithAnotherTimeIs409AndAClientReportsOnlyItsOwn()
    {
        var clientId = Steps.UniqueClient();
        using var client = await fixture.Gateway.ClientAsAsync("client", clientId);
        var ct = TestContext.Current.CancellationToken;
        var conversion = new { eventId = Guid.NewGuid(), clientId, experimentKey = "welcome-copy", occurredAt = DateTimeOffset.UtcNow };

        using var first = await client.PostAsJsonAsync("/v1/content/conversions", conversion, ct);
        using var again = await client.PostAsJsonAsync("/v1/content/conversions", conversion, ct);
        using var others = await client.PostAsJsonAsync("/v1/content/conversions", conversion with { clientId = "c-someone-else" }, ct);
        using var unknown = await client.PostAsJsonAsync("/v1/content/conversions", conversion with { experimentKey = "no-such", eventId = Guid.NewGuid() }, ct);
        using var redated = await client.PostAsJsonAsync("/v1/content/conversions", conversion with { occurredAt = conversion.occurredAt.AddSeconds(-1) }, ct);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.False((await first.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("duplicate").GetBoolean());
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("duplicate").GetBoolean());
        await others.ReadProblemAsync(403);
        await unknown.ReadProblemAsync(404);
        await redated.ReadProblemAsync(409);
    }

    [Theory]
    [InlineData("2026-12-06T10:00:00")]
    [InlineData("2026-12-06")]
    public async Task AConversionTimeWithoutAnOffsetIs400RatherThanReadInTheGatewaysZone(string occurredAt)
    {
        var clientId = Steps.UniqueClient();
        using var client = await fixture.Gateway.ClientAsAsync("client", clientId);
        var ct = TestContext.Current.CancellationToken;

        using var withoutOffset = await client.PostAsync("/v1/content/conversions", Conversion(clientId, occurredAt), ct);
        using var withOffset = await client.PostAsync("/v1/content/conversions", Conversion(clientId, "2026-12-06T10:00:00+08:00"), ct);

        await withoutOffset.ReadValidationProblemAsync("occurredAt");
        Assert.Equal(HttpStatusCode.Accepted, withOffset.StatusCode);
    }

    private static StringContent Conversion(string clientId, string occurredAt) => new(
        $$"""{"eventId":"{{Guid.NewGuid()}}","clientId":"{{clientId}}","experimentKey":"welcome-copy","occurredAt":"{{occurredAt}}"}""",
        System.Text.Encoding.UTF8, "application/json");
}
