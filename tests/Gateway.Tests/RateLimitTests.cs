using System.Net;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests;

public sealed class RateLimitTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_caller_over_its_burst_gets_429_with_retry_after_while_other_callers_go_on()
    {
        // One permit per 1000 s: nothing is replenished while the test runs.
        await using var gateway = GatewayFactory.Create(fixture.Onboarding.Address, settings =>
        {
            settings["Gateway:RateLimit:PermitsPerSecond"] = "0.001";
            settings["Gateway:RateLimit:Burst"] = "2";
        });
        using var alice = await gateway.ClientAsAsync("client", "c-alice");
        using var bob = await gateway.ClientAsAsync("client", "c-bob");

        using var first = await alice.GetAsync("/v1/onboarding/clients/c-alice/progress", TestContext.Current.CancellationToken);
        using var second = await alice.GetAsync("/v1/onboarding/clients/c-alice/progress", TestContext.Current.CancellationToken);
        using var third = await alice.GetAsync("/v1/onboarding/clients/c-alice/progress", TestContext.Current.CancellationToken);
        using var other = await bob.GetAsync("/v1/onboarding/clients/c-bob/progress", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await third.ReadProblemAsync(429);
        Assert.True(third.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {third.Headers.RetryAfter}");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_are_limited_by_address_and_probes_never()
    {
        await using var gateway = GatewayFactory.Create(fixture.Onboarding.Address, settings =>
        {
            settings["Gateway:RateLimit:PermitsPerSecond"] = "0.001";
            settings["Gateway:RateLimit:Burst"] = "1";
        });
        using var client = gateway.CreateClient();

        using var first = await client.GetAsync("/v1/onboarding/clients/c-1/progress", TestContext.Current.CancellationToken);
        using var second = await client.GetAsync("/v1/onboarding/clients/c-1/progress", TestContext.Current.CancellationToken);
        using var alive = await client.GetAsync("/alive", TestContext.Current.CancellationToken);

        await first.ReadProblemAsync(401);
        await second.ReadProblemAsync(429);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }
}
