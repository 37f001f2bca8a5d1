using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Gateway.Tests.Fuzz;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Tiering;

/// <summary>PUT /v1/config/tiers: numbers the wire or the store cannot hold exactly are a 400 naming the field, never a 500 or a rounding.</summary>
public sealed class TierTableRouteTests(GatewayFixture fixture)
{
    [Theory]
    [InlineData("hysteresis", "1e20")]
    [InlineData("hysteresis", "9223372036854775808")]
    [InlineData("nearNextTier", "-1e20")]
    [InlineData("hysteresis", "0.90001")]
    [InlineData("nearNextTier", "0.12345")]
    [InlineData("thresholds.V2", "10000.001")]
    public async Task ANumberTheStoreCannotHoldIsA400NamingItsField(string field, string value)
    {
        using var operators = await fixture.Gateway.ClientAsAsync("operator", "ops-1");
        var before = fixture.Tiering.TierConfig.LastPut;
        var body = Table();
        if (field.StartsWith("thresholds.", StringComparison.Ordinal))
        {
            body["thresholds"]![field["thresholds.".Length..]] = "__value__";
        }
        else
        {
            body[field] = "__value__";
        }

        using var response = await operators.PutAsync("/v1/config/tiers",
            new StringContent(body.ToJsonString().Replace("\"__value__\"", value, StringComparison.Ordinal), Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);

        await response.ReadValidationProblemAsync(field);
        Assert.Same(before, fixture.Tiering.TierConfig.LastPut);
    }

    [Fact]
    public async Task StoredDecimalsReachTieringExactly()
    {
        using var operators = await fixture.Gateway.ClientAsAsync("operator", "ops-1");
        var body = Table();
        body["hysteresis"] = 0.8765m;
        body["thresholds"]!["V7"] = 999_999_999_999_999.99m;

        using var response = await operators.PutAsJsonAsync("/v1/config/tiers", body, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = fixture.Tiering.TierConfig.LastPut!;
        Assert.Equal((0, 876_500_000), (sent.DowngradeBelow.Units, sent.DowngradeBelow.Nanos));
        Assert.Equal((999_999_999_999_999L, 990_000_000), (sent.Minimums[6].Units, sent.Minimums[6].Nanos));
    }

    private static JsonObject Table() => ValidBodies.For("PUT /v1/config/tiers", DateTimeOffset.UtcNow)!.AsObject();
}
