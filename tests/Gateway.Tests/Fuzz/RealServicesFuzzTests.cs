using Platform.Gateway.Tests.Infrastructure;
using Platform.Gateway.Tests.Routes;

namespace Platform.Gateway.Tests.Fuzz;

/// <summary>
/// The fuzz pass again, shorter, with the real Onboarding and Tiering behind the gateway (Content's routes: <see cref="ContentFuzzTests"/>, Engagement's: <see cref="EngagementFuzzTests"/>) (real PostgreSQL, Redis
/// and DevBroker): a value the gateway lets through and a service's own rules refuse, or one that breaks the
/// service, shows here and not against the fakes. None may answer 5xx, and none answered 4xx may change what
/// the services' databases hold (every table, compared after each request). Tiering knows the fuzz client and a benefit
/// it may redeem (<see cref="TieringSeed"/>), and every route must answer at least one request 2xx: the pass reaches
/// each route's own paths, not only its 404s. Seeded like <see cref="GatewayFuzzTests"/>.
/// </summary>
[Collection(RealServicesCollection.Name)]
public sealed class RealServicesFuzzTests(RealServicesFixture services)
{
    private const int RequestsPerRoute = 80;   // 1,200 requests in 10-14 s here, 15-30 s with the fixture's start

    /// <summary>
    /// Routes the gateway answers itself (dev tokens, activity published to Kafka), and the erasure (Engagement, not among
    /// these services; a 202 would erase the fuzz client the other routes need): the fake pass covers them.
    /// </summary>
    private static readonly string[] GatewayOnlyRoutes = ["POST /v1/dev/tokens", "POST /v1/activity", "DELETE /v1/clients/{clientId}"];

    /// <summary>
    /// Routes that change what the others read (the benefit catalogue, the tier table): last, so that the client routes
    /// run against what <see cref="TieringSeed"/> set up whatever the pass did to it.
    /// </summary>
    private static readonly string[] RoutesLast = ["POST /v1/benefits", "PUT /v1/benefits/{benefitId}", "PUT /v1/config/tiers"];

    private const string Redemptions = "POST /v1/clients/{clientId}/benefits/{benefitId}/redemptions";

    [Fact]
    public async Task NoMalformedRequestToTheRealServicesAnswers5xxOrChangesTheirDatabases()
    {
        var seed = FuzzPass.Seed();
        var gateway = services.Gateway;
        var (routes, schemas) = await OpenApiRoutes.ReadAsync(gateway);
        var serviceRoutes = routes.Where(route => !GatewayOnlyRoutes.Contains(route.Key) && !ContentRoutes.Contains(route)
            && !EngagementRoutes.Contains(route)).OrderBy(route => RoutesLast.Contains(route.Key)).ToList();
        var before = await ReadStateAsync();
        var pass = new FuzzPass(gateway, new RequestGenerator(new Random(seed), schemas, gateway.Time.GetUtcNow()), ReadStateAsync);

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await pass.RunAsync(serviceRoutes, RequestsPerRoute);

        pass.Print(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        Assert.True(pass.Failures.Count == 0, pass.Report(seed));
        Assert.True(pass.Sent >= serviceRoutes.Count * RequestsPerRoute, $"only {pass.Sent} requests sent");
        // Each route was reached past the gateway's checks and the service's 404s: the rules above held on its real paths.
        var unanswered = serviceRoutes.Where(route => !pass.StatusesOf(route.Key).Keys.Any(status => status is >= 200 and < 300)).Select(route => route.Key);
        Assert.True(!unanswered.Any(), $"no request answered 2xx on: {string.Join(", ", unanswered)}");
        // The redemption opening: redeemed (201), the retry answered by the same redemption (200), the quota of one used (409).
        Assert.Superset(new HashSet<int> { 201, 200, 409 }, pass.StatusesOf(Redemptions).Keys.ToHashSet());
        // The well-formed requests among them were recorded: the comparison sees a change when there is one.
        Assert.NotEqual(before, await ReadStateAsync());
    }

    private async Task<string> ReadStateAsync() => string.Join('\n', await DatabaseState.ReadAsync(services.Databases));
}
