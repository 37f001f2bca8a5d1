extern alias ContentApp;

using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Gateway.Tests.Infrastructure;
using Platform.Gateway.Tests.Routes;
using ContentDbContext = ContentApp::Platform.Content.ContentDbContext;

namespace Platform.Gateway.Tests.Fuzz;

/// <summary>
/// The real-services fuzz pass for Content's routes (issue 10, item 11: every route): the gateway in front of the real
/// Content (<see cref="ContentServicesFixture"/>: real PostgreSQL, Redis and DevBroker). None may answer 5xx, none answered
/// 4xx may change what Content's database holds (every table, compared after each request), and every route must answer
/// at least one request 2xx, so the pass reaches each route's own paths: the items, segment and experiment the
/// well-formed requests name (<see cref="ValidBodies"/>) exist before it starts. Seeded like <see cref="GatewayFuzzTests"/>.
/// </summary>
public sealed class ContentFuzzTests(ContentServicesFixture services) : IClassFixture<ContentServicesFixture>
{
    private const int RequestsPerRoute = 80;

    /// <summary>The routes whose well-formed requests change what the others read (the catalogue, the experiment): last.</summary>
    private static readonly string[] RoutesLast = ["PUT /v1/content/items/{itemId}", "PUT /v1/segments/{key}", "PUT /v1/experiments/{key}"];

    [Fact]
    public async Task NoMalformedRequestToTheRealContentAnswers5xxOrChangesItsDatabase()
    {
        var seed = FuzzPass.Seed();
        var gateway = services.Gateway;
        var (routes, schemas) = await OpenApiRoutes.ReadAsync(gateway);
        var contentRoutes = routes.Where(ContentRoutes.Contains).OrderBy(route => RoutesLast.Contains(route.Key)).ToList();
        await SeedAsync();
        var database = ContentDatabase();
        var before = await ReadStateAsync(database);
        var pass = new FuzzPass(gateway, new RequestGenerator(new Random(seed), schemas, gateway.Time.GetUtcNow()), () => ReadStateAsync(database));

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await pass.RunAsync(contentRoutes, RequestsPerRoute);

        pass.Print(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        Assert.True(pass.Failures.Count == 0, pass.Report(seed));
        // Every Content route of API.md is in the document, and so in the pass.
        Assert.Superset(new HashSet<string>
        {
            "GET /v1/content/items", "POST /v1/content/items", "GET /v1/content/items/{itemId}", "PUT /v1/content/items/{itemId}",
            "GET /v1/clients/{clientId}/tags", "PUT /v1/clients/{clientId}/tags", "GET /v1/segments", "POST /v1/segments",
            "GET /v1/segments/{key}", "PUT /v1/segments/{key}", "GET /v1/clients/{clientId}/feed", "POST /v1/content/conversions",
            "GET /v1/experiments", "POST /v1/experiments", "GET /v1/experiments/{key}", "PUT /v1/experiments/{key}", "GET /v1/experiments/{key}/results",
        }, contentRoutes.Select(route => route.Key).ToHashSet());
        Assert.True(pass.Sent >= contentRoutes.Count * RequestsPerRoute, $"only {pass.Sent} requests sent");
        var unanswered = contentRoutes.Where(route => !pass.StatusesOf(route.Key).Keys.Any(status => status is >= 200 and < 300)).Select(route => route.Key);
        Assert.True(!unanswered.Any(), $"no request answered 2xx on: {string.Join(", ", unanswered)}");
        Assert.NotEqual(before, await ReadStateAsync(database));
    }

    /// <summary>
    /// What the well-formed requests name: item fund-a, segment short-term-traders, experiment short-term-traders (over
    /// welcome-c and welcome-d, the items of its PUT) and welcome-copy (the conversions'), and free items welcome-a and
    /// welcome-b for a new experiment.
    /// </summary>
    private async Task SeedAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        using var operators = await services.Gateway.ClientAsAsync("operator", "ops-fuzz-seed");
        async Task PostAsync(string route, object body)
        {
            using var created = await operators.PostAsJsonAsync(route, body, ct);
            Assert.True(created.StatusCode == HttpStatusCode.Created, $"{route}: {await created.Content.ReadAsStringAsync(ct)}");
        }

        await PostAsync("/v1/content/items", new { itemId = "fund-a", kind = "product", title = "Fund A", body = "A fund", risk = "R3" });
        foreach (var itemId in new[] { "welcome-a", "welcome-b", "welcome-c", "welcome-d", "welcome-e", "welcome-f" })
        {
            await PostAsync("/v1/content/items", new { itemId, kind = "insight", title = $"Welcome {itemId}", body = "Seeded for the fuzz pass" });
        }

        await PostAsync("/v1/segments", new { key = ValidBodies.PathValue("key"), expression = "style:technical" });
        await PostAsync("/v1/experiments", ValidBodies.Experiment(ValidBodies.PathValue("key"), "welcome-c", "welcome-d"));
        await PostAsync("/v1/experiments", ValidBodies.Experiment(ValidBodies.ConversionExperiment, "welcome-e", "welcome-f"));
    }

    private string ContentDatabase()
    {
        using var scope = services.Content.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<ContentDbContext>().Database.GetConnectionString()!;
    }

    private static async Task<string> ReadStateAsync(string database) => string.Join('\n', await DatabaseState.ReadAsync([database]));
}
