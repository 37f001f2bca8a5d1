using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Auth;

/// <summary>Dev tokens mint `system` tokens for anyone: only a gateway whose environment is Development may offer them.</summary>
public sealed class DevTokenEnvironmentTests(GatewayFixture fixture)
{
    [Fact]
    public async Task DevTokensWorkInDevelopment()
    {
        await using var gateway = GatewayFactory.Create(fixture.Onboarding.Address, settings =>
            settings[WebHostDefaults.EnvironmentKey] = "Development");
        using var client = gateway.CreateClient();

        using var response = await client.PostAsJsonAsync("/v1/dev/tokens", new { role = "system", subject = "core-1" },
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task DevTokensOutsideDevelopmentRefuseToStart(string environment)
    {
        // An authority and audience too: the settings of a deployed gateway do not make dev tokens acceptable.
        await using var gateway = GatewayFactory.Create(fixture.Onboarding.Address, settings =>
        {
            settings[WebHostDefaults.EnvironmentKey] = environment;
            settings["Gateway:Auth:Authority"] = "https://login.brokerage.example";
            settings["Gateway:Auth:Audience"] = "platform-gateway";
        });

        var error = Record.Exception(() => gateway.CreateClient());

        Assert.NotNull(error);
        var message = error.ToString();
        Assert.Contains("Gateway:DevTokens=true is refused in environment '" + environment + "'", message, StringComparison.Ordinal);
        Assert.Contains("Development", message, StringComparison.Ordinal);
    }
}
