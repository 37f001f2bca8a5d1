using System.Net;
using System.Text.Json;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.OpenApi;

public sealed class OpenApiTests(GatewayFixture fixture)
{
    [Fact]
    public async Task TheOpenApiDocumentListsTheOnboardingRoutesAndTheBearerScheme()
    {
        using var client = fixture.Gateway.CreateClient();

        using var response = await client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var root = document.RootElement;
        var paths = root.GetProperty("paths");
        Assert.True(paths.GetProperty("/v1/onboarding/steps").TryGetProperty("post", out var post));
        Assert.True(paths.GetProperty("/v1/onboarding/clients/{clientId}/progress").TryGetProperty("get", out _));
        Assert.True(post.GetProperty("responses").TryGetProperty("202", out _));
        Assert.True(post.TryGetProperty("security", out _));

        var bearer = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());

        var step = root.GetProperty("components").GetProperty("schemas").GetProperty("FunnelStep");
        var steps = step.GetProperty("enum").EnumerateArray().Select(value => value.GetString()).ToList();
        Assert.Equal(14, steps.Count);
        Assert.Contains("id_uploaded", steps);
    }

    [Fact]
    public async Task TheOpenApiDocumentListsTheRoutesWithTheirSchemas()
    {
        using var client = fixture.Gateway.CreateClient();

        using var response = await client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var paths = document.RootElement.GetProperty("paths");
        var activity = paths.GetProperty("/v1/activity").GetProperty("post");
        Assert.True(activity.GetProperty("responses").TryGetProperty("202", out _));
        Assert.True(activity.GetProperty("responses").TryGetProperty("503", out _));
        Assert.True(paths.GetProperty("/v1/config/funnels/{name}").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/v1/config/funnels/{name}").TryGetProperty("put", out _));
        var report = paths.GetProperty("/v1/reports/funnel").GetProperty("get");
        Assert.Equal(["funnel", "from", "to", "by"], report.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));

        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.Equal(9, schemas.GetProperty("ActivityType").GetProperty("enum").GetArrayLength());
        var amount = schemas.GetProperty("ActivityEventRequest").GetProperty("properties").GetProperty("amount");
        Assert.Equal("decimal", amount.GetProperty("format").GetString());
        var definition = schemas.GetProperty("PutFunnelRequest").GetProperty("properties");
        Assert.Equal("duration", definition.GetProperty("dormantAfter").GetProperty("format").GetString());
        Assert.Equal("duration", definition.GetProperty("stallAfter").GetProperty("items").GetProperty("format").GetString());
        var channels = schemas.GetProperty("FunnelStepDefinitionRequest").GetProperty("properties").GetProperty("optionalOnChannels");
        Assert.Equal(9, channels.GetProperty("items").GetProperty("enum").GetArrayLength());
        Assert.True(schemas.GetProperty("FunnelReportStepResponse").GetProperty("properties").TryGetProperty("medianSecondsFromPrevious", out _));
        Assert.True(schemas.GetProperty("FunnelDefinitionResponse").GetProperty("properties").TryGetProperty("changedBy", out _));
    }

    [Fact]
    public async Task TheReferencePageAnswers200WithoutAToken()
    {
        using var client = fixture.Gateway.CreateClient();

        using var response = await client.GetAsync("/scalar/v1", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
