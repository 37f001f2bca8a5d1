using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Auth;

public sealed class DevTokenTests(GatewayFixture fixture)
{
    [Fact]
    public async Task TheDevTokenRouteIssuesA12HourTokenThatTheGatewayAccepts()
    {
        using var anonymous = fixture.Gateway.CreateClient();

        using var response = await anonymous.PostAsJsonAsync("/v1/dev/tokens", new { role = "operator", subject = "ops-1" },
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var token = new JsonWebToken(body.RootElement.GetProperty("token").GetString());
        Assert.Equal("platform-dev", token.Issuer);
        Assert.Equal("ops-1", token.Subject);
        Assert.Equal("operator", token.GetClaim("role").Value);
        Assert.Equal(TimeSpan.FromHours(12), token.ValidTo - token.IssuedAt);

        using var client = fixture.Gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.EncodedToken);
        using var progress = await client.GetAsync("/v1/onboarding/clients/c-1/progress", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, progress.StatusCode);
    }

    [Fact]
    public async Task TheDevTokenRouteNamesAnUnknownRoleAndAnEmptySubject()
    {
        using var client = fixture.Gateway.CreateClient();

        using var response = await client.PostAsJsonAsync("/v1/dev/tokens", new { role = "admin", subject = " " },
            TestContext.Current.CancellationToken);

        var problem = await response.ReadValidationProblemAsync("role");
        Assert.True(problem.GetProperty("errors").TryGetProperty("subject", out _));
    }

    [Fact]
    public async Task TheDevTokenRouteIsAbsentWithoutDevTokens()
    {
        await using var gateway = GatewayFactory.Create(fixture.Onboarding.Address, settings =>
        {
            settings["Gateway:DevTokens"] = "false";
            settings["Gateway:Auth:Authority"] = "https://login.brokerage.example";
            settings["Gateway:Auth:Audience"] = "platform-gateway";
        });
        using var client = gateway.CreateClient();

        using var tokens = await client.PostAsJsonAsync("/v1/dev/tokens", new { role = "operator", subject = "ops-1" },
            TestContext.Current.CancellationToken);
        using var progress = await client.GetAsync("/v1/onboarding/clients/c-1/progress", TestContext.Current.CancellationToken);

        await tokens.ReadProblemAsync(404);
        await progress.ReadProblemAsync(401);
    }

    [Fact]
    public async Task TheGatewayDoesNotStartWithoutAnAuthorityAndAudienceOutsideLocalMode()
    {
        await using var gateway = GatewayFactory.Create(fixture.Onboarding.Address, settings => settings["Gateway:DevTokens"] = "false");

        var error = Record.Exception(() => gateway.CreateClient());

        Assert.NotNull(error);
        var message = error.ToString();
        Assert.Contains("Gateway:Auth:Authority", message);
        Assert.Contains("Gateway:Auth:Audience", message);
    }
}
