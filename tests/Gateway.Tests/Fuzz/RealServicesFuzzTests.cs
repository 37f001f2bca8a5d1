using Platform.Gateway.Tests.Infrastructure;
using Platform.Gateway.Tests.Routes;

namespace Platform.Gateway.Tests.Fuzz;

/// <summary>
/// The fuzz pass again, shorter, with the real Onboarding and Tiering behind the gateway (real PostgreSQL, Redis
/// and DevBroker): a value the gateway lets through and a service's own rules refuse, or one that breaks the
/// service, shows here and not against the fakes. None may answer 5xx, and none answered 4xx may change what
/// the services' databases hold (every table, compared after each request). Seeded like <see cref="GatewayFuzzTests"/>.
/// </summary>
[Collection(RealServicesCollection.Name)]
public sealed class RealServicesFuzzTests(RealServicesFixture services)
{
    private const int RequestsPerRoute = 80;   // 1,200 requests in about 30 s here

    /// <summary>Routes the gateway answers itself (dev tokens, activity published to Kafka): the fake pass covers them.</summary>
    private static readonly string[] GatewayOnlyRoutes = ["POST /v1/dev/tokens", "POST /v1/activity"];

    [Fact]
    public async Task NoMalformedRequestToTheRealServicesAnswers5xxOrChangesTheirDatabases()
    {
        var seed = FuzzPass.Seed();
        var gateway = services.Gateway;
        var (routes, schemas) = await OpenApiRoutes.ReadAsync(gateway);
        var serviceRoutes = routes.Where(route => !GatewayOnlyRoutes.Contains(route.Key)).ToList();
        var before = await ReadStateAsync();
        var pass = new FuzzPass(gateway, new RequestGenerator(new Random(seed), schemas, gateway.Time.GetUtcNow()), ReadStateAsync);

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await pass.RunAsync(serviceRoutes, RequestsPerRoute);

        pass.Print(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        Assert.True(pass.Failures.Count == 0, pass.Report(seed));
        Assert.True(pass.Sent >= serviceRoutes.Count * RequestsPerRoute, $"only {pass.Sent} requests sent");
        // The well-formed requests among them were recorded: the comparison sees a change when there is one.
        Assert.NotEqual(before, await ReadStateAsync());
    }

    private async Task<string> ReadStateAsync() => string.Join('\n', await DatabaseState.ReadAsync(services.Databases));
}
