extern alias EngagementApp;

using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Gateway.Tests.Infrastructure;
using Platform.Gateway.Tests.Routes;
using AdvisorTaskRecord = EngagementApp::Platform.Engagement.Advisor.AdvisorTaskRecord;
using EngagementDbContext = EngagementApp::Platform.Engagement.EngagementDbContext;
using InboxEntry = EngagementApp::Platform.Engagement.Inbox.InboxEntry;

namespace Platform.Gateway.Tests.Fuzz;

/// <summary>
/// The real-services fuzz pass for Engagement's routes: the gateway in front of the real Engagement
/// (<see cref="EngagementServicesFixture"/>). None may answer 5xx, none answered 4xx may change what Engagement's database
/// holds (every table, compared after each request), and every route must answer at least one request 2xx: the rule,
/// the inbox message and the advisor task the well-formed requests name (<see cref="ValidBodies"/>) exist before it starts.
/// Seeded like <see cref="GatewayFuzzTests"/>.
/// </summary>
public sealed class EngagementFuzzTests(EngagementServicesFixture services) : IClassFixture<EngagementServicesFixture>
{
    private const int RequestsPerRoute = 80;

    [Fact]
    public async Task NoMalformedRequestToTheRealEngagementAnswers5xxOrChangesItsDatabase()
    {
        var seed = FuzzPass.Seed();
        var gateway = services.Gateway;
        var (routes, schemas) = await OpenApiRoutes.ReadAsync(gateway);
        // A well-formed PUT replaces the rule the others read: last.
        var engagementRoutes = routes.Where(EngagementRoutes.Contains).OrderBy(route => route.Method == "PUT").ToList();
        await SeedAsync();
        var database = EngagementDatabase();
        var before = await ReadStateAsync(database);
        var pass = new FuzzPass(gateway, new RequestGenerator(new Random(seed), schemas, gateway.Time.GetUtcNow()), () => ReadStateAsync(database));

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await pass.RunAsync(engagementRoutes, RequestsPerRoute);

        pass.Print(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        Assert.True(pass.Failures.Count == 0, pass.Report(seed));
        Assert.Superset(new HashSet<string>
        {
            "GET /v1/clients/{clientId}/inbox", "POST /v1/clients/{clientId}/inbox/{messageId}/read",
            "GET /v1/advisor/tasks", "POST /v1/advisor/tasks/{taskId}/complete",
            "GET /v1/rules", "POST /v1/rules", "GET /v1/rules/{key}", "PUT /v1/rules/{key}",
            "GET /v1/config/engagement", "PUT /v1/config/engagement",
            "GET /v1/clients/{clientId}/outreach", "GET /v1/reports/moments",
        }, engagementRoutes.Select(route => route.Key).ToHashSet());
        Assert.True(pass.Sent >= engagementRoutes.Count * RequestsPerRoute, $"only {pass.Sent} requests sent");
        var unanswered = engagementRoutes.Where(route => !pass.StatusesOf(route.Key).Keys.Any(status => status is >= 200 and < 300)).Select(route => route.Key);
        Assert.True(!unanswered.Any(), $"no request answered 2xx on: {string.Join(", ", unanswered)}");
        Assert.NotEqual(before, await ReadStateAsync(database));
    }

    /// <summary>The rule, the message and the task the well-formed requests name (the message and the task for the client they name).</summary>
    private async Task SeedAsync()
    {
        using (var operators = await services.Gateway.ClientAsAsync("operator", "ops-fuzz-seed"))
        {
            using var rule = await operators.GetAsync($"/v1/rules/{ValidBodies.PathValue("key")}", TestContext.Current.CancellationToken);
            if (rule.StatusCode == HttpStatusCode.NotFound)
            {
                using var created = await operators.PostAsJsonAsync("/v1/rules", Engagement.RuleBodies.Valid(ValidBodies.PathValue("key")),
                    TestContext.Current.CancellationToken);
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            }
        }

        await services.WithDbAsync(SeedRowsAsync);
    }

    private static async Task SeedRowsAsync(EngagementDbContext db)
    {
        var (messageId, taskId) = (Guid.Parse(ValidBodies.MessageId), Guid.Parse(ValidBodies.TaskId));
        if (!await db.InboxEntries.AnyAsync(e => e.MessageId == messageId))
        {
            db.InboxEntries.Add(new InboxEntry
            {
                MessageId = messageId, ClientId = ValidBodies.ClientId, InstanceKey = $"M04:{ValidBodies.ClientId}:client", Moment = "M04",
                Channel = "push", Title = "Welcome", Body = "Your account is open", CreatedAt = DateTimeOffset.UtcNow,
            });
        }

        if (!await db.AdvisorTasks.AnyAsync(t => t.TaskId == taskId))
        {
            db.AdvisorTasks.Add(new AdvisorTaskRecord
            {
                TaskId = taskId, ClientId = ValidBodies.ClientId, InstanceKey = $"M17:{ValidBodies.ClientId}:{taskId:N}", Moment = "M17",
                Title = "Call the client", Body = "About the transfer out", CreatedAt = DateTimeOffset.UtcNow, DueAt = DateTimeOffset.UtcNow.AddHours(4),
            });
        }

        await db.SaveChangesAsync();
    }

    private string EngagementDatabase()
    {
        using var scope = services.Engagement.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<EngagementDbContext>().Database.GetConnectionString()!;
    }

    private static async Task<string> ReadStateAsync(string database) => string.Join('\n', await DatabaseState.ReadAsync([database]));
}
