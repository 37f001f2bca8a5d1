using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Gateway.Tests.Funnel;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Content;

/// <summary>GET /v1/clients/{clientId}/feed through to (fake) Content, and Content down on every Content route.</summary>
public sealed class FeedRouteTests(GatewayFixture fixture)
{
    [Fact]
    public async Task AClientReadsItsFeedWithTheExperimentArmOfAnItem()
    {
        var clientId = Steps.UniqueClient();
        using var client = await fixture.Gateway.ClientAsAsync("client", clientId);

        var feed = await client.GetFromJsonAsync<JsonElement>($"/v1/clients/{clientId}/feed", TestContext.Current.CancellationToken);

        var (product, insight) = (feed.GetProperty("items")[0], feed.GetProperty("items")[1]);
        Assert.Equal(["itemId", "kind", "title", "body", "priority", "experiment"], product.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("fund-a", "product", "Your tier is V3", 60), (product.GetProperty("itemId").GetString(), product.GetProperty("kind").GetString(),
            product.GetProperty("body").GetString(), product.GetProperty("priority").GetInt32()));
        Assert.Equal(JsonValueKind.Null, product.GetProperty("experiment").ValueKind);
        Assert.Equal("""{"key":"welcome-copy","variant":"b"}""", insight.GetProperty("experiment").GetRawText());
        Assert.Equal(20, fixture.Content.Feed.LastRequest(clientId)!.Limit);
    }

    [Fact]
    public async Task TheLimitIsPassedOnAndOutsideOneTo100Is400()
    {
        var clientId = Steps.UniqueClient();
        using var client = await fixture.Gateway.ClientAsAsync("client", clientId);
        var ct = TestContext.Current.CancellationToken;

        var one = await client.GetFromJsonAsync<JsonElement>($"/v1/clients/{clientId}/feed?limit=1", ct);
        using var zero = await client.GetAsync($"/v1/clients/{clientId}/feed?limit=0", ct);
        using var tooMany = await client.GetAsync($"/v1/clients/{clientId}/feed?limit=101", ct);
        using var notANumber = await client.GetAsync($"/v1/clients/{clientId}/feed?limit=many", ct);

        Assert.Equal(1, one.GetProperty("items").GetArrayLength());
        Assert.Equal(1, fixture.Content.Feed.LastRequest(clientId)!.Limit);
        await zero.ReadValidationProblemAsync("limit");
        await tooMany.ReadValidationProblemAsync("limit");
        await notANumber.ReadValidationProblemAsync("limit");
    }

    [Fact]
    public async Task AClientCannotReadAnotherClientsFeedAnOperatorCanASystemCannot()
    {
        using var client = await fixture.Gateway.ClientAsAsync("client", "c-1");
        using var operators = await fixture.Gateway.ClientAsAsync("operator", "ops-1");
        using var system = await fixture.Gateway.ClientAsAsync("system", "core-1");
        var ct = TestContext.Current.CancellationToken;

        using var others = await client.GetAsync("/v1/clients/c-2/feed", ct);
        using var byOperator = await operators.GetAsync("/v1/clients/c-2/feed", ct);
        using var bySystem = await system.GetAsync("/v1/clients/c-2/feed", ct);

        await others.ReadProblemAsync(403);
        Assert.Equal(HttpStatusCode.OK, byOperator.StatusCode);
        await bySystem.ReadProblemAsync(403);
    }

    [Fact]
    public async Task ContentsAnswersMapToProblems()
    {
        using var operators = await fixture.Gateway.ClientAsAsync("operator", "ops-1");
        var ct = TestContext.Current.CancellationToken;

        using var unknownClient = await operators.GetAsync("/v1/clients/missing-1/feed", ct);
        using var refused = await operators.GetAsync("/v1/clients/denied-1/feed", ct);
        using var overloaded = await operators.GetAsync("/v1/clients/exhausted-1/tags", ct);

        await unknownClient.ReadProblemAsync(404);
        await refused.ReadProblemAsync(403);
        await overloaded.ReadProblemAsync(429);
    }

    [Fact]
    public async Task ContentDownIs503OnEveryContentRoute()
    {
        await using var gateway = GatewayFactory.Create(fixture.Onboarding.Address, settings =>
            settings[GatewayFactory.ContentAddressKey] = ClosedPorts.Address());
        using var client = await gateway.ClientAsAsync("client", "c-1");
        using var operators = await gateway.ClientAsAsync("operator", "ops-1");
        var ct = TestContext.Current.CancellationToken;

        HttpResponseMessage[] responses =
        [
            await client.GetAsync("/v1/clients/c-1/feed", ct),
            await operators.GetAsync("/v1/content/items", ct),
            await operators.PostAsJsonAsync("/v1/content/items", new { itemId = "x1", kind = "insight", title = "t", body = "b" }, ct),
            await operators.GetAsync("/v1/content/items/fund-a/versions", ct),
            await operators.PutAsJsonAsync("/v1/clients/c-1/tags", new { tags = new[] { "interest:etf" } }, ct),
            await operators.GetAsync("/v1/segments", ct),
        ];

        foreach (var response in responses)
        {
            var problem = await response.ReadProblemAsync(503);
            Assert.DoesNotContain("at Platform.", problem.ToString(), StringComparison.Ordinal);
            Assert.NotNull(response.Headers.RetryAfter);
            response.Dispose();
        }
    }
}
