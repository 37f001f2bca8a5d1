using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Gateway.Tests.Infrastructure;
using Platform.Gateway.Tests.Funnel;

namespace Platform.Gateway.Tests.Tiering;

/// <summary>The tier and benefit routes through to (fake) Tiering: what is sent, what comes back.</summary>
public sealed class BenefitRouteTests(GatewayFixture fixture)
{
    [Fact]
    public async Task AClientReadsItsBenefitsWithQuotaUseAndWhyOneIsUnavailable()
    {
        using var client = await fixture.Gateway.ClientAsAsync("client", "c-1");

        var benefits = await client.GetFromJsonAsync<JsonElement>("/v1/clients/c-1/benefits", TestContext.Current.CancellationToken);

        var (waiver, hotline) = (benefits[0], benefits[1]);
        Assert.Equal("fee-waiver", waiver.GetProperty("benefitId").GetString());
        Assert.Equal(2, waiver.GetProperty("quota").GetProperty("count").GetInt32());
        Assert.Equal(1, waiver.GetProperty("remaining").GetInt32());
        Assert.True(waiver.GetProperty("available").GetBoolean());
        Assert.Equal("tier_too_low", hotline.GetProperty("unavailableReason").GetString());
        Assert.Equal(JsonValueKind.Null, hotline.GetProperty("quota").ValueKind);
        Assert.Equal(JsonValueKind.Null, hotline.GetProperty("remaining").ValueKind);
    }

    [Fact]
    public async Task ARedemptionIs201AndTheSameKeyAgain200WithTheSameRedemption()
    {
        using var client = await fixture.Gateway.ClientAsAsync("client", "c-1");
        var key = $"order-{Guid.NewGuid():N}";
        var ct = TestContext.Current.CancellationToken;

        using var first = await client.PostAsJsonAsync("/v1/clients/c-1/benefits/fee-waiver/redemptions", new { redemptionKey = key }, ct);
        using var again = await client.PostAsJsonAsync("/v1/clients/c-1/benefits/fee-waiver/redemptions", new { redemptionKey = key }, ct);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var (made, replayed) = (await first.Content.ReadFromJsonAsync<JsonElement>(ct), await again.Content.ReadFromJsonAsync<JsonElement>(ct));
        Assert.Equal(made.GetProperty("redemptionId").GetString(), replayed.GetProperty("redemptionId").GetString());
        Assert.False(made.GetProperty("duplicate").GetBoolean());
        Assert.True(replayed.GetProperty("duplicate").GetBoolean());
        Assert.Equal(key, made.GetProperty("redemptionKey").GetString());
    }

    [Fact]
    public async Task AnOperatorCreatesReadsAndChangesABenefit()
    {
        using var operators = await fixture.Gateway.ClientAsAsync("operator", "ops-1");
        var id = $"b-{Guid.NewGuid():N}"[..20];
        var ct = TestContext.Current.CancellationToken;

        using var created = await operators.PostAsJsonAsync("/v1/benefits",
            new { benefitId = id, name = "Research pack", kind = "product", minTier = "V4", quota = new { count = 3, period = "quarter" } }, ct);
        using var taken = await operators.PostAsJsonAsync("/v1/benefits", new { benefitId = id, name = "x", kind = "product", minTier = "V4" }, ct);
        using var changed = await operators.PutAsJsonAsync($"/v1/benefits/{id}", new { name = "Research pack", kind = "product", minTier = "V5", active = false }, ct);
        var read = await operators.GetFromJsonAsync<JsonElement>($"/v1/benefits/{id}", ct);
        using var unknown = await operators.GetAsync($"/v1/benefits/{Steps.UniqueClient("b")}", ct);
        var all = await operators.GetFromJsonAsync<JsonElement>("/v1/benefits", ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/v1/benefits/{id}", created.Headers.Location?.OriginalString);
        await taken.ReadProblemAsync(409);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(("V5", false, 2, JsonValueKind.Null),
            (read.GetProperty("minTier").GetString(), read.GetProperty("active").GetBoolean(), read.GetProperty("version").GetInt32(), read.GetProperty("quota").ValueKind));
        await unknown.ReadProblemAsync(404);
        Assert.Contains(all.EnumerateArray(), b => b.GetProperty("benefitId").GetString() == id);
    }

    [Fact]
    public async Task AClientReadsItsTierAndHistory()
    {
        using var client = await fixture.Gateway.ClientAsAsync("client", "c-1");
        var ct = TestContext.Current.CancellationToken;

        var tier = await client.GetFromJsonAsync<JsonElement>("/v1/clients/c-1/tier", ct);
        var history = await client.GetFromJsonAsync<JsonElement>("/v1/clients/c-1/tier/history", ct);

        Assert.Equal("V3", tier.GetProperty("tier").GetString());
        Assert.Equal(61234.5m, tier.GetProperty("averageDailyAssets").GetDecimal());
        Assert.Equal(138765.5m, tier.GetProperty("amountToNextTier").GetDecimal());
        Assert.Equal(("V2", "V3"), (history[0].GetProperty("from").GetString(), history[0].GetProperty("to").GetString()));
    }
}
