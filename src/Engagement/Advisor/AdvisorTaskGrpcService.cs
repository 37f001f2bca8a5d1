using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Platform.Engagement.Grpc;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Validation;
using GrpcTimestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Platform.Engagement.Advisor;

/// <summary>The advisors' queue: operators list tasks and complete them.</summary>
[Authorize(Roles = CallerRoles.Operator)]
public sealed class AdvisorTaskGrpcService(EngagementDbContext db, TimeProvider time) : AdvisorTaskService.AdvisorTaskServiceBase
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    public override async Task<TaskList> ListTasks(ListTasksRequest request, ServerCallContext context)
    {
        if (request.Status is not ("" or AdvisorTaskRecord.Open or AdvisorTaskRecord.Done))
        {
            throw GrpcFieldErrors.InvalidArgument("status", "must be open or done, or absent for both");
        }

        if (request.ClientId.Length > 0 && StorableText.Check(request.ClientId, ClientIds.MaxLength, required: true) is { } invalid)
        {
            throw GrpcFieldErrors.InvalidArgument("clientId", invalid);
        }

        if (request.Limit is < 0 or > MaxLimit)
        {
            throw GrpcFieldErrors.InvalidArgument("limit", $"must be between 1 and {MaxLimit}, or 0 (unset) for {DefaultLimit}");
        }

        var tasks = db.AdvisorTasks.AsNoTracking();
        tasks = request.Status switch
        {
            AdvisorTaskRecord.Open => tasks.Where(t => t.CompletedAt == null),
            AdvisorTaskRecord.Done => tasks.Where(t => t.CompletedAt != null),
            _ => tasks,
        };
        if (request.ClientId.Length > 0)
        {
            tasks = tasks.Where(t => t.ClientId == request.ClientId);
        }

        var now = time.GetUtcNow();
        var page = await tasks.OrderBy(t => t.DueAt).ThenBy(t => t.TaskId)
            .Take(request.Limit == 0 ? DefaultLimit : request.Limit).ToListAsync(context.CancellationToken);
        return new TaskList { Tasks = { page.Select(t => ToWire(t, now)) } };
    }

    public override async Task<Grpc.AdvisorTask> CompleteTask(CompleteTaskRequest request, ServerCallContext context)
    {
        if (!Guid.TryParse(request.TaskId, out var taskId))
        {
            throw GrpcFieldErrors.InvalidArgument("taskId", "must be a task id (a UUID)");
        }

        // One statement: the first completion stays (who and when); completing again answers the task as it is.
        var (now, by) = (time.GetUtcNow(), AdvisorTaskRecord.CompletedByOf(context.Caller().Subject()));
        await db.AdvisorTasks.Where(t => t.TaskId == taskId && t.CompletedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.CompletedAt, now).SetProperty(t => t.CompletedBy, by), context.CancellationToken);
        var task = await db.AdvisorTasks.AsNoTracking().SingleOrDefaultAsync(t => t.TaskId == taskId, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, "No such advisor task."));
        return ToWire(task, now);
    }

    private static Grpc.AdvisorTask ToWire(AdvisorTaskRecord task, DateTimeOffset now)
    {
        var wire = new Grpc.AdvisorTask
        {
            TaskId = task.TaskId.ToString(), ClientId = task.ClientId, Moment = task.Moment, InstanceKey = task.InstanceKey, Tier = task.Tier ?? "",
            Title = task.Title, Body = task.Body, CreatedAt = GrpcTimestamp.FromDateTimeOffset(task.CreatedAt),
            DueAt = GrpcTimestamp.FromDateTimeOffset(task.DueAt), Status = task.Status, CompletedBy = task.CompletedBy ?? "",
            Overdue = task.IsOverdueAt(now),
        };
        if (task.CompletedAt is { } completedAt)
        {
            wire.CompletedAt = GrpcTimestamp.FromDateTimeOffset(completedAt);
        }

        return wire;
    }
}
