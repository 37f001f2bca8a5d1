extern alias EngagementApp;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Gateway.Tests.Infrastructure;
using AdvisorTaskRecord = EngagementApp::Platform.Engagement.Advisor.AdvisorTaskRecord;

namespace Platform.Gateway.Tests.Engagement;

/// <summary>The advisors' queue through the gateway and the real Engagement: listing by status, completing once, roles.</summary>
public sealed class AdvisorTaskRouteTests(EngagementServicesFixture services) : IClassFixture<EngagementServicesFixture>
{
    [Fact]
    public async Task OperatorsListOpenTasksOldestDueFirstAndCompleteThemOnce()
    {
        var clientId = "advisor-" + Guid.NewGuid().ToString("N")[..10];
        var now = DateTimeOffset.UtcNow;
        var (late, soon) = (await AddAsync(clientId, "M17", dueAt: now.AddHours(-1)), await AddAsync(clientId, "M05", dueAt: now.AddHours(4)));
        using var operators = await services.Gateway.ClientAsAsync("operator", "advisor-ops");
        var ct = TestContext.Current.CancellationToken;

        var open = await operators.GetFromJsonAsync<JsonElement>($"/v1/advisor/tasks?status=open&clientId={clientId}", ct);
        using var completed = await operators.PostAsync($"/v1/advisor/tasks/{late}/complete", null, ct);
        var first = await completed.Content.ReadFromJsonAsync<JsonElement>(ct);
        using var again = await operators.PostAsync($"/v1/advisor/tasks/{late}/complete", null, ct);
        var second = await again.Content.ReadFromJsonAsync<JsonElement>(ct);
        var stillOpen = await operators.GetFromJsonAsync<JsonElement>($"/v1/advisor/tasks?status=open&clientId={clientId}", ct);
        var done = await operators.GetFromJsonAsync<JsonElement>($"/v1/advisor/tasks?status=done&clientId={clientId}", ct);

        var tasks = open.GetProperty("tasks").EnumerateArray().ToList();
        Assert.Equal([late.ToString(), soon.ToString()], tasks.Select(t => t.GetProperty("taskId").GetString()));
        Assert.Equal((true, false), (tasks[0].GetProperty("overdue").GetBoolean(), tasks[1].GetProperty("overdue").GetBoolean()));
        Assert.Equal(("M17", "V6", "open"), (tasks[0].GetProperty("moment").GetString(), tasks[0].GetProperty("tier").GetString(),
            tasks[0].GetProperty("status").GetString()));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (completed.StatusCode, again.StatusCode));
        Assert.Equal(("done", "advisor-ops", false), (first.GetProperty("status").GetString(), first.GetProperty("completedBy").GetString(),
            first.GetProperty("overdue").GetBoolean()));
        Assert.Equal(first.GetProperty("completedAt").GetDateTimeOffset(), second.GetProperty("completedAt").GetDateTimeOffset());
        Assert.Equal([soon.ToString()], stillOpen.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("taskId").GetString()));
        Assert.Equal([late.ToString()], done.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("taskId").GetString()));
    }

    [Fact]
    public async Task BadValuesAre400AnUnknownTaskIs404AndOnlyOperatorsReachTheQueue()
    {
        var ct = TestContext.Current.CancellationToken;
        using var operators = await services.Gateway.ClientAsAsync("operator", "advisor-ops");
        using var client = await services.Gateway.ClientAsAsync("client", "advisor-client");
        using var system = await services.Gateway.ClientAsAsync("system", "core-1");
        using var anonymous = services.Gateway.CreateClient();

        using var status = await operators.GetAsync("/v1/advisor/tasks?status=pending", ct);
        using var limit = await operators.GetAsync("/v1/advisor/tasks?limit=0", ct);
        using var malformed = await operators.PostAsync("/v1/advisor/tasks/42/complete", null, ct);
        using var unknown = await operators.PostAsync($"/v1/advisor/tasks/{Guid.NewGuid()}/complete", null, ct);
        using var byClient = await client.GetAsync("/v1/advisor/tasks", ct);
        using var bySystem = await system.PostAsync($"/v1/advisor/tasks/{Guid.NewGuid()}/complete", null, ct);
        using var byNobody = await anonymous.GetAsync("/v1/advisor/tasks", ct);

        await status.ReadValidationProblemAsync("status");
        await limit.ReadValidationProblemAsync("limit");
        await malformed.ReadValidationProblemAsync("taskId");
        await unknown.ReadProblemAsync(404);
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized),
            (byClient.StatusCode, bySystem.StatusCode, byNobody.StatusCode));
    }

    /// <summary>A task as the decision pipeline makes it for a V5+ client's or a transfer-out's outreach.</summary>
    private async Task<Guid> AddAsync(string clientId, string moment, DateTimeOffset dueAt)
    {
        var id = Guid.NewGuid();
        await services.WithDbAsync(async db =>
        {
            db.AdvisorTasks.Add(new AdvisorTaskRecord
            {
                TaskId = id, ClientId = clientId, InstanceKey = $"{moment}:{clientId}:{id:N}", Moment = moment, Tier = "V6",
                Title = "Call the client", Body = "About the money that left", CreatedAt = dueAt.AddHours(-8), DueAt = dueAt,
            });
            await db.SaveChangesAsync();
        });
        return id;
    }
}
