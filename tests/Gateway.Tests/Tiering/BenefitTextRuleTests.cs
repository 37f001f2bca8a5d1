using System.Net.Http.Json;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Tiering;

/// <summary>
/// Text Tiering stores, checked by Tiering's own rules behind the real gateway: a NUL (which PostgreSQL's text cannot
/// hold) failed the statement and answered 500 until the real-service fuzz pass found it.
/// </summary>
[Collection(RealServicesCollection.Name)]
public sealed class BenefitTextRuleTests(RealServicesFixture services)
{
    [Theory]
    [InlineData("\0")]
    [InlineData("Fee\0waiver")]
    [InlineData("Fee\u0001waiver")]
    public async Task ABenefitNameWithAControlCharacterIs400NamingTheName(string name)
    {
        using var client = await services.Gateway.ClientAsAsync("operator", "ops-1");

        using var response = await client.PostAsJsonAsync("/v1/benefits", new
        {
            benefitId = $"b-{Guid.NewGuid():N}", name, kind = "service", minTier = "V2", quota = new { count = 2, period = "year" }, active = true,
        }, TestContext.Current.CancellationToken);

        await response.ReadValidationProblemAsync("name");
    }

    [Theory]
    [InlineData("\0")]
    [InlineData("order\01")]
    public async Task ARedemptionKeyWithANulIs400NamingTheKey(string redemptionKey)
    {
        using var client = await services.Gateway.ClientAsAsync("system", "core-1");

        using var response = await client.PostAsJsonAsync("/v1/clients/c-redeemer/benefits/fee-waiver/redemptions", new { redemptionKey },
            TestContext.Current.CancellationToken);

        await response.ReadValidationProblemAsync("redemptionKey");
    }
}
