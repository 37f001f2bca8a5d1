using System.Net;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Privacy;

/// <summary>DELETE /v1/clients/{clientId}: operators only, 202 every time, Engagement asked for each accepted request.</summary>
public sealed class EraseClientRouteTests(GatewayFixture fixture)
{
    private FakePrivacyService Privacy => fixture.Engagement.Privacy;

    [Fact]
    public async Task AnOperatorsErasureIsAcceptedEveryTimeAndReachesEngagement()
    {
        using var operators = await fixture.Gateway.ClientAsAsync("operator", "ops-1");
        var ct = TestContext.Current.CancellationToken;

        using var first = await operators.DeleteAsync("/v1/clients/c-erase-1", ct);
        using var second = await operators.DeleteAsync("/v1/clients/c-erase-1", ct);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, second.StatusCode));
        Assert.Equal(["c-erase-1", "c-erase-1"], Privacy.Requests.Where(id => id == "c-erase-1"));
    }

    [Fact]
    public async Task OnlyOperatorsMayErase()
    {
        using var client = await fixture.Gateway.ClientAsAsync("client", "c-erase-2");
        using var system = await fixture.Gateway.ClientAsAsync("system", "core-1");
        var ct = TestContext.Current.CancellationToken;

        using var byTheClientItself = await client.DeleteAsync("/v1/clients/c-erase-2", ct);
        using var bySystem = await system.DeleteAsync("/v1/clients/c-erase-2", ct);
        using var anonymous = await fixture.Gateway.CreateClient().DeleteAsync("/v1/clients/c-erase-2", ct);

        await byTheClientItself.ReadProblemAsync(403);
        await bySystem.ReadProblemAsync(403);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.DoesNotContain("c-erase-2", Privacy.Requests);
    }

    [Fact]
    public async Task EngagementDownIs503()
    {
        await using var cutOff = GatewayFactory.Create(fixture.Onboarding.Address, settings => settings[FakeEngagementServer.AddressKey] = ClosedPorts.Address());
        using var operators = await cutOff.ClientAsAsync("operator", "ops-1");

        using var response = await operators.DeleteAsync("/v1/clients/c-erase-3", TestContext.Current.CancellationToken);

        await response.ReadProblemAsync(503);
    }
}
