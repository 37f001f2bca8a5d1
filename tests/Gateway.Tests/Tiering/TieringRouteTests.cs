using System.Net;
using System.Net.Http.Json;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Tiering;

/// <summary>The tier and benefit routes' own checks, which answer before (or without) Tiering: roles, shape, and Tiering down.</summary>
public sealed class TieringRouteTests(GatewayFixture fixture)
{
    [Fact]
    public async Task TieringDownIs503OnEveryTierAndBenefitRoute()
    {
        await using var gateway = GatewayFactory.Create(fixture.Onboarding.Address, settings =>
            settings[GatewayFactory.TieringAddressKey] = ClosedPorts.Address());
        using var client = await gateway.ClientAsAsync("client", "c-1");
        using var operators = await gateway.ClientAsAsync("operator", "ops-1");
        var ct = TestContext.Current.CancellationToken;

        HttpResponseMessage[] responses =
        [
            await client.GetAsync("/v1/clients/c-1/tier", ct),
            await client.GetAsync("/v1/clients/c-1/tier/history", ct),
            await client.GetAsync("/v1/clients/c-1/benefits", ct),
            await client.PostAsJsonAsync("/v1/clients/c-1/benefits/vip-hotline/redemptions", new { redemptionKey = "k" }, ct),
            await operators.GetAsync("/v1/benefits", ct),
            await operators.PutAsJsonAsync("/v1/benefits/vip-hotline", new { name = "VIP hotline", kind = "service", minTier = "V5" }, ct),
            await operators.GetAsync("/v1/config/tiers", ct),
        ];

        foreach (var response in responses)
        {
            var problem = await response.ReadProblemAsync(503);
            Assert.DoesNotContain("at Platform.", problem.ToString(), StringComparison.Ordinal);
            Assert.NotNull(response.Headers.RetryAfter);
            response.Dispose();
        }
    }

    [Fact]
    public async Task WhoMayDoWhatOnBenefits()
    {
        using var client = await fixture.Gateway.ClientAsAsync("client", "c-1");
        using var operators = await fixture.Gateway.ClientAsAsync("operator", "ops-1");
        var ct = TestContext.Current.CancellationToken;

        using var otherClientsRedemption = await client.PostAsJsonAsync("/v1/clients/c-2/benefits/vip-hotline/redemptions", new { redemptionKey = "k" }, ct);
        using var operatorRedeeming = await operators.PostAsJsonAsync("/v1/clients/c-1/benefits/vip-hotline/redemptions", new { redemptionKey = "k" }, ct);
        using var clientEditingCatalogue = await client.PostAsJsonAsync("/v1/benefits", new { benefitId = "x1", name = "x", kind = "service", minTier = "V1" }, ct);
        using var anonymous = await fixture.Gateway.CreateClient().GetAsync("/v1/clients/c-1/benefits", ct);

        await otherClientsRedemption.ReadProblemAsync(403);
        await operatorRedeeming.ReadProblemAsync(403);
        await clientEditingCatalogue.ReadProblemAsync(403);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task MissingFieldsAreNamedBeforeTieringIsAsked()
    {
        // The fake Tiering accepts any well-formed call: a 400 proves the gateway answered on its own.
        using var client = await fixture.Gateway.ClientAsAsync("client", "c-1");
        using var operators = await fixture.Gateway.ClientAsAsync("operator", "ops-1");
        var ct = TestContext.Current.CancellationToken;

        using var noKey = await client.PostAsJsonAsync("/v1/clients/c-1/benefits/vip-hotline/redemptions", new { }, ct);
        using var noFields = await operators.PostAsJsonAsync("/v1/benefits", new { quota = new { } }, ct);
        using var otherId = await operators.PutAsJsonAsync("/v1/benefits/vip-hotline",
            new { benefitId = "other", name = "n", kind = "service", minTier = "V5" }, ct);
        using var wrongType = await operators.PostAsync("/v1/benefits",
            new StringContent("""{"benefitId":"a1","name":"n","kind":"service","minTier":"V1","quota":{"count":"two","period":"year"}}""",
                System.Text.Encoding.UTF8, "application/json"), ct);

        Assert.True((await noKey.ReadProblemAsync(400)).GetProperty("errors").TryGetProperty("redemptionKey", out _));
        var missing = (await noFields.ReadProblemAsync(400)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["benefitId", "kind", "minTier", "name", "quota.count", "quota.period"], missing);
        Assert.True((await otherId.ReadProblemAsync(400)).GetProperty("errors").TryGetProperty("benefitId", out _));
        await wrongType.ReadProblemAsync(400);
    }
}
