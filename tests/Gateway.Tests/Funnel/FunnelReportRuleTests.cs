using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Funnel;

/// <summary>
/// The report's query checked by Onboarding's own rules behind the real gateway: a funnel name with a NUL (which
/// PostgreSQL's text cannot hold) failed the definition's lookup and answered 500 until the real-service fuzz pass found it.
/// </summary>
[Collection(RealServicesCollection.Name)]
public sealed class FunnelReportRuleTests(RealServicesFixture services)
{
    [Theory]
    [InlineData("a%00b")]
    [InlineData("%00")]
    [InlineData("standard%01")]
    public async Task AFunnelNameWithAControlCharacterIs400NamingTheFunnel(string funnel)
    {
        using var client = await services.Gateway.ClientAsAsync("operator", "ops-1");

        using var response = await client.GetAsync($"/v1/reports/funnel?funnel={funnel}", TestContext.Current.CancellationToken);

        await response.ReadValidationProblemAsync("funnel");
    }
}
