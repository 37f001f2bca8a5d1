extern alias GatewayApp;

using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.RateLimiting;

/// <summary>One bucket per caller, sized by its role. Buckets refill at one permit per 1000 s here: nothing is replenished while a test runs.</summary>
public sealed class RateLimitTests(GatewayFixture fixture)
{
    private const string Progress = "/v1/onboarding/clients/c-alice/progress";

    [Fact]
    public async Task ASystemCallerIsNotThrottledAtARateThatThrottlesAClient()
    {
        await using var gateway = Gateway(("client", 2), ("system", 50));
        using var client = Caller(gateway, "client", "c-alice");
        using var system = Caller(gateway, "system", "core-1");

        var clientStatuses = await SendAsync(client, 5);
        var systemStatuses = await SendAsync(system, 5);

        Assert.Equal([200, 200, 429, 429, 429], clientStatuses);
        Assert.Equal([200, 200, 200, 200, 200], systemStatuses);
    }

    [Fact]
    public async Task EachRolesConfiguredBurstIsHonoured()
    {
        await using var gateway = Gateway(("client", 1), ("operator", 3), ("system", 2));
        using var client = Caller(gateway, "client", "c-alice");
        using var operators = Caller(gateway, "operator", "ops-1");
        using var system = Caller(gateway, "system", "core-1");

        var clientStatuses = await SendAsync(client, 2);
        var operatorStatuses = await SendAsync(operators, 4);
        var systemStatuses = await SendAsync(system, 3);

        Assert.Equal([200, 429], clientStatuses);
        Assert.Equal([200, 200, 200, 429], operatorStatuses);
        Assert.Equal([200, 200, 429], systemStatuses);
    }

    [Fact]
    public async Task ACallerOverItsBurstGets429WhileOthersOfItsRoleGoOn()
    {
        await using var gateway = Gateway(("client", 2));
        using var alice = Caller(gateway, "client", "c-alice");
        using var bob = Caller(gateway, "client", "c-bob");
        var ct = TestContext.Current.CancellationToken;

        await SendAsync(alice, 2);
        using var third = await alice.GetAsync(Progress, ct);
        using var other = await bob.GetAsync("/v1/onboarding/clients/c-bob/progress", ct);

        await third.ReadProblemAsync(429);
        Assert.True(third.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {third.Headers.RetryAfter}");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task AnonymousCallersAreLimitedByAddressAndProbesNever()
    {
        await using var gateway = Gateway(("anonymous", 1));
        using var client = gateway.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        using var first = await client.GetAsync(Progress, ct);
        using var second = await client.GetAsync(Progress, ct);
        using var alive = await client.GetAsync("/alive", ct);

        await first.ReadProblemAsync(401);
        await second.ReadProblemAsync(429);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Theory]
    [InlineData("Gateway:RateLimit:Roles:client:PermitsPerSecond", "0", "Gateway:RateLimit:Roles:client:PermitsPerSecond")]
    [InlineData("Gateway:RateLimit:Roles:system:Burst", "0", "Gateway:RateLimit:Roles:system:Burst")]
    [InlineData("Gateway:RateLimit:Roles:admin:Burst", "5", "Gateway:RateLimit:Roles:admin is not a role")]
    [InlineData("Gateway:RateLimit:PermitsPerSecond", "50", "Gateway:RateLimit:PermitsPerSecond is not a setting")]
    [InlineData("Gateway:RateLimit:Anonymous:Burst", "1000000", "Gateway:RateLimit:Anonymous must not be more generous")]
    public async Task ABadLimitRefusesToStart(string key, string value, string expected)
    {
        // The gateway's own settings and start-up checks on a host of their own: through the test factory a failed start
        // races the entry point's disposal of the host, which now and then surfaces as an ObjectDisposedException
        // carrying no message (CI on d593df9).
        var settings = GatewayFactory.DefaultSettings(fixture.Onboarding.Address);
        settings[key] = value;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        GatewayApp::Platform.Gateway.RateLimiting.RateLimitingExtensions.AddGatewayRateLimiting(builder);
        using var host = builder.Build();

        var error = await Record.ExceptionAsync(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.IsType<OptionsValidationException>(error);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSameSettingsWithoutABadLimitStart()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(GatewayFactory.DefaultSettings(fixture.Onboarding.Address));
        GatewayApp::Platform.Gateway.RateLimiting.RateLimitingExtensions.AddGatewayRateLimiting(builder);
        using var host = builder.Build();

        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// A gateway whose given roles ("anonymous" for callers without a token) get the burst given and
    /// 0.001 permits/s; anonymous callers as tight as clients unless given.
    /// </summary>
    private GatewayFactory Gateway(params (string Role, int Burst)[] limits) =>
        GatewayFactory.Create(fixture.Onboarding.Address, settings =>
        {
            var client = limits.Where(l => l.Role == "client").Select(l => l.Burst).DefaultIfEmpty(int.MaxValue).Single();
            foreach (var (role, burst) in limits.Append((Role: "anonymous", Burst: Math.Min(client, 100_000))).DistinctBy(l => l.Role))
            {
                var section = role == "anonymous" ? "Gateway:RateLimit:Anonymous" : $"Gateway:RateLimit:Roles:{role}";
                settings[$"{section}:PermitsPerSecond"] = "0.001";
                settings[$"{section}:Burst"] = burst.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        });

    /// <summary>A caller with a token signed in the test: minting one at the gateway would take from the anonymous bucket.</summary>
    private static HttpClient Caller(GatewayFactory gateway, string role, string subject)
    {
        var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.Sign(role, subject, gateway.Time.GetUtcNow()));
        return client;
    }

    private static async Task<int[]> SendAsync(HttpClient caller, int count)
    {
        var statuses = new int[count];
        for (var i = 0; i < count; i++)
        {
            using var response = await caller.GetAsync(Progress, TestContext.Current.CancellationToken);
            statuses[i] = (int)response.StatusCode;
        }

        return statuses;
    }
}
