using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.TestSupport.Processes;

namespace Platform.EndToEnd;

/// <summary>Activity in, tier and benefits out: Tiering through the gateway, on the running platform.</summary>
[Collection(PlatformCollection.Name)]
public sealed class TieringJourneyTests(PlatformFixture platform)
{
    private static readonly TimeSpan Deadline = Journeys.Deadline;

    [Fact]
    public async Task AnApprovedClientsAssetsReachItsTierThroughTheGateway()
    {
        var clientId = await ClientAtV3Async();
        using var client = await platform.GatewayAsync("client", clientId);

        var tier = await client.GetFromJsonAsync<JsonElement>($"/v1/clients/{clientId}/tier", TestContext.Current.CancellationToken);
        var history = await client.GetFromJsonAsync<JsonElement>($"/v1/clients/{clientId}/tier/history", TestContext.Current.CancellationToken);
        using var other = await client.GetAsync(new Uri("/v1/clients/c-someone-else/tier", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal("dream_builder", tier.GetProperty("journey").GetString());
        Assert.Equal(60_000m, tier.GetProperty("averageDailyAssets").GetDecimal());
        Assert.Equal(("V4", 140_000m), (tier.GetProperty("nextTier").GetString(), tier.GetProperty("amountToNextTier").GetDecimal()));
        Assert.Equal(JsonValueKind.Null, tier.GetProperty("downgradeWarning").ValueKind);
        var change = Assert.Single(history.EnumerateArray());
        Assert.Equal(("V0", "V3", "upgrade"), (change.GetProperty("from").GetString(), change.GetProperty("to").GetString(), change.GetProperty("reason").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task OperatorsReadAndChangeTheTierTableAndBadTablesAreRefusedNamingTheField()
    {
        using var operatorClient = await platform.GatewayAsync("operator", "ops-1");
        var before = await operatorClient.GetFromJsonAsync<JsonElement>("/v1/config/tiers", TestContext.Current.CancellationToken);
        // The platform (and its tier table) is shared by every end-to-end test: put the table back whatever happens here.
        try
        {
            var thresholds = new Dictionary<string, decimal>
            {
                ["V1"] = 0.01m, ["V2"] = 10_000m, ["V3"] = 50_000m, ["V4"] = 200_000m, ["V5"] = 1_000_000m, ["V6"] = 5_000_000m, ["V7"] = 12_000_000m,
            };

            using var saved = await operatorClient.PutAsJsonAsync("/v1/config/tiers",
                new { thresholds, windowDays = 20, hysteresis = 0.9m, nearNextTier = 0.9m }, TestContext.Current.CancellationToken);
            using var notIncreasing = await operatorClient.PutAsJsonAsync("/v1/config/tiers",
                new { thresholds = new Dictionary<string, decimal>(thresholds) { ["V3"] = 5_000m }, windowDays = 20, hysteresis = 0.9m,
                    nearNextTier = 0.9m }, TestContext.Current.CancellationToken);
            using var unknownTier = await operatorClient.PutAsJsonAsync("/v1/config/tiers",
                new { thresholds = new Dictionary<string, decimal>(thresholds) { ["V8"] = 20_000_000m }, windowDays = 20, hysteresis = 0.9m, nearNextTier = 0.9m },
                TestContext.Current.CancellationToken);
            var after = await operatorClient.GetFromJsonAsync<JsonElement>("/v1/config/tiers", TestContext.Current.CancellationToken);
            await Journeys.AuthorizeAsync(operatorClient, "client", "c-1");
            using var asClient = await operatorClient.GetAsync(new Uri("/v1/config/tiers", UriKind.Relative), TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            Assert.Equal(before.GetProperty("version").GetInt32() + 1, after.GetProperty("version").GetInt32());
            Assert.Equal(12_000_000m, after.GetProperty("thresholds").GetProperty("V7").GetDecimal());
            Assert.Equal(HttpStatusCode.BadRequest, notIncreasing.StatusCode);
            Assert.True((await notIncreasing.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors")
                .TryGetProperty("thresholds", out _));
            Assert.Equal(HttpStatusCode.BadRequest, unknownTier.StatusCode);
            Assert.True((await unknownTier.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors")
                .TryGetProperty("thresholds.V8", out _));
            Assert.Equal(HttpStatusCode.Forbidden, asClient.StatusCode);
        }
        finally
        {
            await RestoreTierTableAsync(before);
        }
    }

    [Fact]
    public async Task AClientsTierDecidesItsBenefitsAndARedemptionIsIdempotentOnItsKey()
    {
        var clientId = await ClientAtV3Async();
        using var client = await platform.GatewayAsync("client", clientId);

        var listed = await client.GetFromJsonAsync<JsonElement>($"/v1/clients/{clientId}/benefits", TestContext.Current.CancellationToken);
        using var first = await RedeemAsync(client, clientId, "level2-market-data", new { redemptionKey = "tap-1" });
        using var again = await RedeemAsync(client, clientId, "level2-market-data", new { redemptionKey = "tap-1" });
        using var tooLow = await RedeemAsync(client, clientId, "research-reports", new { redemptionKey = "tap-2" });
        using var noKey = await RedeemAsync(client, clientId, "level2-market-data", new { });
        using var unknown = await RedeemAsync(client, clientId, "no-such-benefit", new { redemptionKey = "tap-3" });
        using var otherClients = await client.GetAsync(new Uri("/v1/clients/c-someone-else/benefits", UriKind.Relative), TestContext.Current.CancellationToken);
        var after = await client.GetFromJsonAsync<JsonElement>($"/v1/clients/{clientId}/benefits", TestContext.Current.CancellationToken);

        var level2 = Benefit(listed, "level2-market-data");
        Assert.Equal(("service", "V3", true, 0), (level2.GetProperty("kind").GetString(), level2.GetProperty("minTier").GetString(),
            level2.GetProperty("available").GetBoolean(), level2.GetProperty("used").GetInt32()));
        var research = Benefit(listed, "research-reports");
        Assert.Equal((false, "tier_too_low"), (research.GetProperty("available").GetBoolean(), research.GetProperty("unavailableReason").GetString()));
        Assert.Equal(30, listed.EnumerateArray().Count(b => b.GetProperty("benefitId").GetString()!.StartsWith("premium-card-", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var (firstBody, againBody) = (await first.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken),
            await again.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken));
        Assert.Equal(firstBody.GetProperty("redemptionId").GetString(), againBody.GetProperty("redemptionId").GetString());
        Assert.Equal((false, true), (firstBody.GetProperty("duplicate").GetBoolean(), againBody.GetProperty("duplicate").GetBoolean()));
        Assert.Equal(HttpStatusCode.Forbidden, tooLow.StatusCode);
        Assert.Contains("needs tier V4", await tooLow.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.True((await noKey.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors")
            .TryGetProperty("redemptionKey", out _));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherClients.StatusCode);
        Assert.Equal(1, Benefit(after, "level2-market-data").GetProperty("used").GetInt32());
    }

    [Fact]
    public async Task OperatorsManageBenefitsAndAUsedUpQuotaIsAConflict()
    {
        using var operators = await platform.GatewayAsync("operator", "ops-1");
        var benefitId = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        var definition = new { benefitId, name = "Coffee with the analyst", kind = "privilege", minTier = "V0", quota = new { count = 1, period = "month" } };

        using var created = await operators.PostAsJsonAsync("/v1/benefits", definition, TestContext.Current.CancellationToken);
        using var taken = await operators.PostAsJsonAsync("/v1/benefits", definition, TestContext.Current.CancellationToken);
        using var negative = await operators.PostAsJsonAsync("/v1/benefits",
            new { benefitId = "e2e-negative", name = "n", kind = "voucher", minTier = "V8", quota = new { count = -1, period = "year" } },
            TestContext.Current.CancellationToken);
        using var malformed = await operators.PostAsync("/v1/benefits", new StringContent("{\"benefitId\":", System.Text.Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
        using var unknown = await operators.PutAsJsonAsync("/v1/benefits/e2e-never", new { name = "x", kind = "service", minTier = "V1" },
            TestContext.Current.CancellationToken);
        var clientId = await ClientAtV3Async();
        using var client = await platform.GatewayAsync("client", clientId);
        using var redeemed = await RedeemAsync(client, clientId, benefitId, new { redemptionKey = "once" });
        using var second = await RedeemAsync(client, clientId, benefitId, new { redemptionKey = "twice" });
        using var changed = await operators.PutAsJsonAsync($"/v1/benefits/{benefitId}",
            new { name = "Coffee with the analyst", kind = "privilege", minTier = "V0", quota = new { count = 2, period = "month" } },
            TestContext.Current.CancellationToken);
        using var third = await RedeemAsync(client, clientId, benefitId, new { redemptionKey = "twice" });
        using var asClient = await client.GetAsync(new Uri("/v1/benefits", UriKind.Relative), TestContext.Current.CancellationToken);
        var catalog = await operators.GetFromJsonAsync<JsonElement>("/v1/benefits", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/v1/benefits/{benefitId}", created.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        var errors = (await negative.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors");
        Assert.Equal(["kind", "minTier", "quota.count"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Created, redeemed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("quota of 1 per month is used up", await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken),
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(2, (await changed.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.Created, third.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asClient.StatusCode);
        Assert.DoesNotContain(catalog.EnumerateArray(), b => b.GetProperty("benefitId").GetString() == "e2e-negative");
        Assert.Equal(2, Benefit(catalog, benefitId).GetProperty("quota").GetProperty("count").GetInt32());
    }

    private async Task<string> ClientAtV3Async()
    {
        using var system = await platform.GatewayAsync("system", "core-1");
        return await Journeys.ClientAtV3Async(system, "e2e-benefits");
    }

    private static Task<HttpResponseMessage> RedeemAsync(HttpClient client, string clientId, string benefitId, object body) =>
        client.PostAsJsonAsync($"/v1/clients/{clientId}/benefits/{benefitId}/redemptions", body, TestContext.Current.CancellationToken);

    private static JsonElement Benefit(JsonElement list, string benefitId) =>
        Assert.Single(list.EnumerateArray(), b => b.GetProperty("benefitId").GetString() == benefitId);

    /// <summary>Stores <paramref name="table"/>'s values again (as the newest version), as an operator would.</summary>
    private async Task RestoreTierTableAsync(JsonElement table)
    {
        using var operators = await platform.GatewayAsync("operator", "ops-1");
        var thresholds = table.GetProperty("thresholds").EnumerateObject().ToDictionary(t => t.Name, t => t.Value.GetDecimal());
        using var restored = await operators.PutAsJsonAsync("/v1/config/tiers", new
        {
            thresholds, windowDays = table.GetProperty("windowDays").GetInt32(), hysteresis = table.GetProperty("hysteresis").GetDecimal(),
            nearNextTier = table.GetProperty("nearNextTier").GetDecimal(),
        }, CancellationToken.None);
        restored.EnsureSuccessStatusCode();
    }
}
