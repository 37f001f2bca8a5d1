using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Engagement.Grpc;

namespace Platform.Gateway.Engagement;

/// <summary>The advisors' queue: GET /v1/advisor/tasks, POST /v1/advisor/tasks/{taskId}/complete (role operator).</summary>
internal static class AdvisorTaskEndpoints
{
    public const int MaxLimit = 500;

    public static RouteGroupBuilder MapAdvisorTasks(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapEngagementGroup("/v1/advisor/tasks");
        group.MapGet("", List)
            .WithName("ListAdvisorTasks")
            .WithSummary("Advisor tasks (V5+ clients' outreach, transfers out), oldest due first")
            .WithDescription("status open or done (absent: both); clientId narrows to one client; limit 1..500 (absent: 100). "
                + "overdue is true for an open task past its due time; the gauge engagement.advisor_tasks.overdue counts them.")
            .ProducesValidationProblem();
        group.MapPost("/{taskId}/complete", Complete)
            .WithName("CompleteAdvisorTask")
            .WithSummary("Completes a task; idempotent (the first completion's time and operator stay)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    internal static async Task<Results<Ok<AdvisorTaskListResponse>, ValidationProblem>> List(
        [Description("open | done; absent: both.")] string? status,
        [Description("Only this client's tasks.")] string? clientId,
        [Description("How many tasks at most, 1..500; absent: 100.")] int? limit,
        AdvisorTaskService.AdvisorTaskServiceClient tasks,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (status is not (null or "open" or "done"))
        {
            errors["status"] = ["must be open or done"];
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"must be between 1 and {MaxLimit}"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var reply = await tasks.ListTasksAsync(new ListTasksRequest { Status = status ?? "", ClientId = clientId ?? "", Limit = limit ?? 0 },
            cancellationToken: cancellationToken);
        return TypedResults.Ok(new AdvisorTaskListResponse([.. reply.Tasks.Select(ToResponse)]));
    }

    internal static async Task<Results<Ok<AdvisorTaskResponse>, ValidationProblem>> Complete(
        string taskId, AdvisorTaskService.AdvisorTaskServiceClient tasks, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(taskId, out _))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["taskId"] = ["must be a task id (a UUID)"] });
        }

        return TypedResults.Ok(ToResponse(await tasks.CompleteTaskAsync(new CompleteTaskRequest { TaskId = taskId }, cancellationToken: cancellationToken)));
    }

    private static AdvisorTaskResponse ToResponse(AdvisorTask t) => new(
        t.TaskId, t.ClientId, t.Moment, t.InstanceKey, t.Tier.Length == 0 ? null : t.Tier, t.Title, t.Body, t.CreatedAt.ToDateTimeOffset(),
        t.DueAt.ToDateTimeOffset(), t.Status, t.CompletedAt?.ToDateTimeOffset(), t.CompletedBy.Length == 0 ? null : t.CompletedBy, t.Overdue);
}
