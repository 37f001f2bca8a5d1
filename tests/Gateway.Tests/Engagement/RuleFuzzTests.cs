extern alias EngagementApp;

using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Gateway.Tests.Fuzz;
using Platform.Gateway.Tests.Infrastructure;
using Platform.Gateway.Tests.Routes;
using EngagementDbContext = EngagementApp::Platform.Engagement.EngagementDbContext;

namespace Platform.Gateway.Tests.Engagement;

/// <summary>
/// The real-services fuzz pass for the rule routes, like <see cref="ContentFuzzTests"/>: none may answer 5xx, none answered
/// 4xx may change what Engagement's database holds, and every route answers at least one request 2xx (the rule the
/// well-formed PUTs name, ValidBodies' key, exists before the pass).
/// </summary>
public sealed class RuleFuzzTests(RuleServicesFixture services) : IClassFixture<RuleServicesFixture>
{
    private const int RequestsPerRoute = 80;

    [Fact]
    public async Task NoMalformedRuleRequestToTheRealEngagementAnswers5xxOrChangesItsDatabase()
    {
        var seed = FuzzPass.Seed();
        var gateway = services.Gateway;
        var (routes, schemas) = await OpenApiRoutes.ReadAsync(gateway);
        var ruleRoutes = routes.Where(RuleFuzzRoutes.Contains).OrderBy(route => route.Method == "PUT").ToList();
        using (var operators = await gateway.ClientAsAsync("operator", "ops-fuzz-seed"))
        {
            using var created = await operators.PostAsJsonAsync("/v1/rules", RuleBodies.Valid(ValidBodies.PathValue("key")), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var database = EngagementDatabase();
        var before = await ReadStateAsync(database);
        var pass = new FuzzPass(gateway, new RequestGenerator(new Random(seed), schemas, gateway.Time.GetUtcNow()), () => ReadStateAsync(database));

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await pass.RunAsync(ruleRoutes, RequestsPerRoute);

        pass.Print(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        Assert.True(pass.Failures.Count == 0, pass.Report(seed));
        Assert.Equal(new HashSet<string> { "GET /v1/rules", "POST /v1/rules", "GET /v1/rules/{key}", "PUT /v1/rules/{key}" }, ruleRoutes.Select(r => r.Key).ToHashSet());
        var unanswered = ruleRoutes.Where(route => !pass.StatusesOf(route.Key).Keys.Any(status => status is >= 200 and < 300)).Select(route => route.Key);
        Assert.True(!unanswered.Any(), $"no request answered 2xx on: {string.Join(", ", unanswered)}");
        Assert.NotEqual(before, await ReadStateAsync(database));
    }

    private string EngagementDatabase()
    {
        using var scope = services.Engagement.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<EngagementDbContext>().Database.GetConnectionString()!;
    }

    private static async Task<string> ReadStateAsync(string database) => string.Join('\n', await DatabaseState.ReadAsync([database]));
}
