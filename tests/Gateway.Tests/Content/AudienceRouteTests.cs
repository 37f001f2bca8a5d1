using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Gateway.Tests.Funnel;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Content;

/// <summary>Client tags and segments through to (fake) Content.</summary>
public sealed class AudienceRouteTests(GatewayFixture fixture)
{
    [Fact]
    public async Task AnOperatorSetsAndReadsAClientsTags()
    {
        using var operators = await fixture.Gateway.ClientAsAsync("operator", "ops-1");
        var clientId = Steps.UniqueClient();
        var ct = TestContext.Current.CancellationToken;

        var untagged = await operators.GetFromJsonAsync<JsonElement>($"/v1/clients/{clientId}/tags", ct);
        using var set = await operators.PutAsJsonAsync($"/v1/clients/{clientId}/tags", new { tags = new[] { "style:technical", "interest:etf", "style:technical" } }, ct);
        var read = await operators.GetFromJsonAsync<JsonElement>($"/v1/clients/{clientId}/tags", ct);

        Assert.Equal("""{"tags":[]}""", untagged.GetRawText());
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(["interest:etf", "style:technical"], read.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task TagsAreCheckedForShapeHereAndForValueByContent()
    {
        using var operators = await fixture.Gateway.ClientAsAsync("operator", "ops-1");
        using var client = await fixture.Gateway.ClientAsAsync("client", "c-1");
        var ct = TestContext.Current.CancellationToken;

        using var noTags = await operators.PutAsJsonAsync("/v1/clients/c-1/tags", new { }, ct);
        using var nullTag = await operators.PutAsJsonAsync("/v1/clients/c-1/tags", new { tags = new[] { "style:technical", null } }, ct);
        using var derived = await operators.PutAsJsonAsync("/v1/clients/c-1/tags", new { tags = new[] { "style:technical", "risk:c5" } }, ct);
        using var clientTaggingItself = await client.PutAsJsonAsync("/v1/clients/c-1/tags", new { tags = new[] { "interest:etf" } }, ct);

        await noTags.ReadValidationProblemAsync("tags");
        await nullTag.ReadValidationProblemAsync("tags[1]");
        await derived.ReadValidationProblemAsync("tags[1]");
        await clientTaggingItself.ReadProblemAsync(403);
    }

    [Fact]
    public async Task AnOperatorCreatesReadsAndChangesASegment()
    {
        using var operators = await fixture.Gateway.ClientAsAsync("operator", "ops-1");
        var key = Steps.UniqueClient("seg");
        var ct = TestContext.Current.CancellationToken;

        using var created = await operators.PostAsJsonAsync("/v1/segments", new { key, expression = "style:technical AND horizon:short" }, ct);
        using var taken = await operators.PostAsJsonAsync("/v1/segments", new { key, expression = "interest:etf" }, ct);
        using var changed = await operators.PutAsJsonAsync($"/v1/segments/{key}", new { expression = "interest:etf OR horizon:long", version = 1 }, ct);
        var read = await operators.GetFromJsonAsync<JsonElement>($"/v1/segments/{key}", ct);
        var all = await operators.GetFromJsonAsync<JsonElement>("/v1/segments", ct);
        using var unknown = await operators.GetAsync($"/v1/segments/{Steps.UniqueClient("seg")}", ct);
        using var unknownEdit = await operators.PutAsJsonAsync($"/v1/segments/{Steps.UniqueClient("seg")}", new { expression = "interest:etf" }, ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/v1/segments/{key}", created.Headers.Location?.OriginalString);
        await taken.ReadProblemAsync(409);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(["key", "expression", "version", "updatedAt"], read.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("interest:etf OR horizon:long", 2), (read.GetProperty("expression").GetString(), read.GetProperty("version").GetInt32()));
        Assert.Contains(all.EnumerateArray(), s => s.GetProperty("key").GetString() == key);
        await unknown.ReadProblemAsync(404);
        await unknownEdit.ReadProblemAsync(404);
    }

    [Fact]
    public async Task ASegmentEditFromAReplacedVersionIsAConflictAndAVersionBelowOneIsNamed()
    {
        using var operators = await fixture.Gateway.ClientAsAsync("operator", "ops-1");
        var key = Steps.UniqueClient("seg");
        var ct = TestContext.Current.CancellationToken;
        using var created = await operators.PostAsJsonAsync("/v1/segments", new { key, expression = "interest:etf" }, ct);
        using var first = await operators.PutAsJsonAsync($"/v1/segments/{key}", new { expression = "interest:etf AND horizon:long", version = 1 }, ct);

        using var stale = await operators.PutAsJsonAsync($"/v1/segments/{key}", new { expression = "interest:bonds", version = 1 }, ct);
        using var zero = await operators.PutAsJsonAsync($"/v1/segments/{key}", new { expression = "interest:bonds", version = 0 }, ct);
        var read = await operators.GetFromJsonAsync<JsonElement>($"/v1/segments/{key}", ct);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (created.StatusCode, first.StatusCode));
        await stale.ReadProblemAsync(409);
        await zero.ReadValidationProblemAsync("version");
        Assert.Equal(("interest:etf AND horizon:long", 2), (read.GetProperty("expression").GetString(), read.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task ASegmentsMissingFieldsAnotherKeyAndContentsSyntaxErrorAreNamed()
    {
        using var operators = await fixture.Gateway.ClientAsAsync("operator", "ops-1");
        var ct = TestContext.Current.CancellationToken;

        using var noFields = await operators.PostAsJsonAsync("/v1/segments", new { }, ct);
        using var otherKey = await operators.PutAsJsonAsync("/v1/segments/short-term-traders", new { key = "other", expression = "interest:etf" }, ct);
        using var syntax = await operators.PostAsJsonAsync("/v1/segments", new { key = Steps.UniqueClient("seg"), expression = " " }, ct);

        var missing = (await noFields.ReadProblemAsync(400)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["expression", "key"], missing);
        await otherKey.ReadValidationProblemAsync("key");
        await syntax.ReadValidationProblemAsync("expression");
    }
}
