using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;
using Platform.Engagement.Grpc;
using Platform.ServiceDefaults;
using GrpcTimestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Platform.Engagement.Timeline;

/// <summary>A client's observed events, for operators and core systems (no client app reads its raw timeline).</summary>
[Authorize(Roles = CallerRoles.Operator + "," + CallerRoles.System)]
public sealed class TimelineGrpcService(EngagementDbContext db) : EngagementService.EngagementServiceBase
{
    private const int MaxEvents = 500;

    public override async Task<ClientTimelineReply> GetClientTimeline(GetClientTimelineRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.ClientId))
        {
            throw GrpcFieldErrors.InvalidArgument("clientId", "is required");
        }

        var events = await db.ObservedEvents.AsNoTracking()
            .Where(e => e.ClientId == request.ClientId)
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.EventId)
            .Take(MaxEvents)
            .ToListAsync(context.CancellationToken);
        var reply = new ClientTimelineReply { ClientId = request.ClientId };
        reply.Events.AddRange(events.Select(e => new Grpc.ObservedEvent
        {
            EventId = e.EventId.ToString(),
            SourceTopic = e.SourceTopic,
            EventType = e.EventType,
            Summary = e.Summary,
            OccurredAt = GrpcTimestamp.FromDateTimeOffset(e.OccurredAt),
            ReceivedAt = GrpcTimestamp.FromDateTimeOffset(e.ReceivedAt),
        }));
        return reply;
    }
}
