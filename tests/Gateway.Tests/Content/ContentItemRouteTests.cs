using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Content;

/// <summary>The catalogue routes through to (fake) Content: what is sent, what comes back, and how Content's refusals map.</summary>
public sealed class ContentItemRouteTests(GatewayFixture fixture)
{
    private static string NewId() => $"i-{Guid.NewGuid():N}"[..20];

    private static object Product(string? itemId = null, int? version = null) => new
    {
        itemId, kind = "product", title = "Fund A", body = "For {{tier}} clients", risk = "R3",
        targeting = new { tiers = new[] { "V2", "V3" }, stages = new[] { "S3" }, tags = new[] { "style:technical" }, segment = "short-term-traders" },
        validFrom = "2026-11-01T00:00:00+08:00", validTo = "2026-12-01T00:00:00+08:00", priority = 70, version, labels = new[] { "funds" },
    };

    [Fact]
    public async Task AnOperatorCreatesAnItemAndReadsItBackInApisShape()
    {
        using var operators = await fixture.Gateway.ClientAsAsync("operator", "ops-1");
        var id = NewId();
        var ct = TestContext.Current.CancellationToken;

        using var created = await operators.PostAsJsonAsync("/v1/content/items", Product(id), ct);
        var read = await operators.GetFromJsonAsync<JsonElement>($"/v1/content/items/{id}", ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/v1/content/items/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal(
            ["itemId", "kind", "title", "body", "risk", "targeting", "validFrom", "validTo", "priority", "version", "moments", "channels", "labels", "updatedAt"],
            read.EnumerateObject().Select(p => p.Name));
        Assert.Equal((id, "product", "R3", 70, 1), (read.GetProperty("itemId").GetString(), read.GetProperty("kind").GetString(),
            read.GetProperty("risk").GetString(), read.GetProperty("priority").GetInt32(), read.GetProperty("version").GetInt32()));
        var targeting = read.GetProperty("targeting");
        Assert.Equal(["V2", "V3"], targeting.GetProperty("tiers").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("short-term-traders", targeting.GetProperty("segment").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(8)), read.GetProperty("validFrom").GetDateTimeOffset());
        Assert.Equal(["funds"], read.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public async Task AnInsightWithOnlyTheRequiredFieldsGetsPriority50EmptyListsAndNulls()
    {
        using var operators = await fixture.Gateway.ClientAsAsync("operator", "ops-1");
        var id = NewId();
        var ct = TestContext.Current.CancellationToken;

        using var created = await operators.PostAsJsonAsync("/v1/content/items", new { itemId = id, kind = "insight", title = "Markets", body = "Today" }, ct);

        var item = await created.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(50, item.GetProperty("priority").GetInt32());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("risk").ValueKind);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("targeting").GetProperty("segment").ValueKind);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("validFrom").ValueKind);
        Assert.Equal(0, item.GetProperty("targeting").GetProperty("tiers").GetArrayLength());
        Assert.Equal(0, item.GetProperty("moments").GetArrayLength());
    }

    [Fact]
    public async Task AnEditIsTheNextVersionAndTheHistoryKeepsTheFirst()
    {
        using var operators = await fixture.Gateway.ClientAsAsync("operator", "ops-1");
        var id = NewId();
        var ct = TestContext.Current.CancellationToken;
        (await operators.PostAsJsonAsync("/v1/content/items", Product(id), ct)).Dispose();

        using var edited = await operators.PutAsJsonAsync($"/v1/content/items/{id}",
            new { kind = "insight", title = "Now an insight", body = "Read on", version = 1 }, ct);
        var history = await operators.GetFromJsonAsync<JsonElement>($"/v1/content/items/{id}/versions", ct);
        var list = await operators.GetFromJsonAsync<JsonElement>("/v1/content/items?kind=insight", ct);

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(2, (await edited.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("version").GetInt32());
        Assert.Equal(1, fixture.Content.Catalog.LastUpdate(id)!.ExpectedVersion);
        Assert.Equal(50, fixture.Content.Catalog.LastUpdate(id)!.Item.Priority);   // the whole item is replaced: priority back to its default
        Assert.Equal([(1, "product"), (2, "insight")],
            history.EnumerateArray().Select(v => (v.GetProperty("version").GetInt32(), v.GetProperty("kind").GetString())));
        Assert.Contains(list.EnumerateArray(), i => i.GetProperty("itemId").GetString() == id);
        Assert.DoesNotContain(list.EnumerateArray(), i => i.GetProperty("kind").GetString() != "insight");
    }

    [Fact]
    public async Task AStaleVersionIs409AndChangesNothing()
    {
        using var operators = await fixture.Gateway.ClientAsAsync("operator", "ops-1");
        var id = NewId();
        var ct = TestContext.Current.CancellationToken;
        (await operators.PostAsJsonAsync("/v1/content/items", Product(id), ct)).Dispose();
        (await operators.PutAsJsonAsync($"/v1/content/items/{id}", Product(version: 1), ct)).Dispose();

        using var stale = await operators.PutAsJsonAsync($"/v1/content/items/{id}", new { kind = "insight", title = "Late", body = "Edit", version = 1 }, ct);

        Assert.Contains("version 2", (await stale.ReadProblemAsync(409)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var current = await operators.GetFromJsonAsync<JsonElement>($"/v1/content/items/{id}", ct);
        Assert.Equal((2, "product"), (current.GetProperty("version").GetInt32(), current.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task ATakenIdIs409AndAnUnknownOne404()
    {
        using var operators = await fixture.Gateway.ClientAsAsync("operator", "ops-1");
        var ct = TestContext.Current.CancellationToken;

        using var taken = await operators.PostAsJsonAsync("/v1/content/items", Product("fund-a"), ct);
        using var unknown = await operators.GetAsync($"/v1/content/items/{NewId()}", ct);
        using var unknownHistory = await operators.GetAsync($"/v1/content/items/{NewId()}/versions", ct);
        using var unknownEdit = await operators.PutAsJsonAsync($"/v1/content/items/{NewId()}", Product(), ct);

        await taken.ReadProblemAsync(409);
        await unknown.ReadProblemAsync(404);
        await unknownHistory.ReadProblemAsync(404);
        await unknownEdit.ReadProblemAsync(404);
    }

    [Fact]
    public async Task MissingFieldsNullsInListsAndAnotherIdAreNamedBeforeContentIsAsked()
    {
        using var operators = await fixture.Gateway.ClientAsAsync("operator", "ops-1");
        var ct = TestContext.Current.CancellationToken;
        var (id, otherId, newId) = (NewId(), NewId(), NewId());
        using var created = await operators.PostAsJsonAsync("/v1/content/items", Product(id), ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var noFields = await operators.PostAsJsonAsync("/v1/content/items", new { targeting = new { tags = new[] { "style:technical", null } } }, ct);
        using var anotherId = await operators.PutAsJsonAsync($"/v1/content/items/{id}", Product(otherId), ct);
        using var versionZero = await operators.PutAsJsonAsync($"/v1/content/items/{id}", Product(version: 0), ct);
        using var noOffset = await operators.PostAsync("/v1/content/items", new StringContent(
            $$"""{"itemId":"{{newId}}","kind":"insight","title":"t","body":"b","validFrom":"2026-11-01T00:00:00"}""", System.Text.Encoding.UTF8, "application/json"), ct);
        using var wrongType = await operators.PostAsync("/v1/content/items", new StringContent(
            $$"""{"itemId":"{{newId}}","kind":"insight","title":"t","body":"b","priority":"high"}""", System.Text.Encoding.UTF8, "application/json"), ct);

        var missing = (await noFields.ReadProblemAsync(400)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["body", "itemId", "kind", "targeting.tags[1]", "title"], missing);
        await anotherId.ReadValidationProblemAsync("itemId");
        await versionZero.ReadValidationProblemAsync("version");
        await noOffset.ReadValidationProblemAsync("validFrom");
        await wrongType.ReadValidationProblemAsync("priority");
        Assert.Equal((1, 0, 0), (fixture.Content.Catalog.WritesNaming(id), fixture.Content.Catalog.WritesNaming(otherId), fixture.Content.Catalog.WritesNaming(newId)));
    }

    [Fact]
    public async Task ContentsFieldErrorsReachTheOperator()
    {
        using var operators = await fixture.Gateway.ClientAsAsync("operator", "ops-1");
        var ct = TestContext.Current.CancellationToken;

        using var noRisk = await operators.PostAsJsonAsync("/v1/content/items", new { itemId = NewId(), kind = "product", title = "t", body = "b" }, ct);
        using var badKind = await operators.GetAsync("/v1/content/items?kind=poem", ct);

        await noRisk.ReadValidationProblemAsync("risk");
        await badKind.ReadValidationProblemAsync("kind");
    }
}
