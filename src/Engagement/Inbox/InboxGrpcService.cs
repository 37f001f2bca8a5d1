using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Platform.Engagement.Grpc;
using Platform.Engagement.Privacy;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Validation;
using GrpcTimestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Platform.Engagement.Inbox;

/// <summary>A client's inbox: the client reads and marks its own, an operator any (to see what the client was told).</summary>
[Authorize(Roles = $"{CallerRoles.Client},{CallerRoles.Operator}")]
public sealed class InboxGrpcService(EngagementDbContext db, ErasedClients erased, TimeProvider time) : InboxService.InboxServiceBase
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public override async Task<InboxReply> ListInbox(ListInboxRequest request, ServerCallContext context)
    {
        await CheckClientAsync(request.ClientId, context);
        if (request.Limit is < 0 or > MaxLimit)
        {
            throw GrpcFieldErrors.InvalidArgument("limit", $"must be between 1 and {MaxLimit}, or 0 (unset) for {DefaultLimit}");
        }

        var entries = await db.InboxEntries.AsNoTracking()
            .Where(e => e.ClientId == request.ClientId)
            .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.MessageId)
            .Take(request.Limit == 0 ? DefaultLimit : request.Limit)
            .ToListAsync(context.CancellationToken);
        return new InboxReply { Items = { entries.Select(ToWire) } };
    }

    public override async Task<Grpc.InboxMessage> MarkRead(MarkReadRequest request, ServerCallContext context)
    {
        await CheckClientAsync(request.ClientId, context);
        if (!Guid.TryParse(request.MessageId, out var messageId))
        {
            throw GrpcFieldErrors.InvalidArgument("messageId", "must be a message id (a UUID)");
        }

        // One statement: the first read time stays, and a second call (a retry, another device) changes nothing.
        var now = time.GetUtcNow();
        await db.InboxEntries.Where(e => e.MessageId == messageId && e.ClientId == request.ClientId && e.ReadAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.ReadAt, now), context.CancellationToken);
        var entry = await db.InboxEntries.AsNoTracking()
            .SingleOrDefaultAsync(e => e.MessageId == messageId && e.ClientId == request.ClientId, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, "The client has no such message."));
        return ToWire(entry);
    }

    private async Task CheckClientAsync(string clientId, ServerCallContext context)
    {
        if (StorableText.Check(clientId, ClientIds.MaxLength, required: true) is { } invalid)
        {
            throw GrpcFieldErrors.InvalidArgument("clientId", invalid);
        }

        context.EnsureMayActFor(clientId);
        // An erased client's data routes answer 404 (API.md, Privacy).
        if (await erased.IsErasedAsync(clientId, context.CancellationToken))
        {
            throw new RpcException(new Status(StatusCode.NotFound, "The client was erased."));
        }
    }

    private static Grpc.InboxMessage ToWire(InboxEntry entry)
    {
        var message = new Grpc.InboxMessage
        {
            MessageId = entry.MessageId.ToString(), Moment = entry.Moment, Title = entry.Title, Body = entry.Body, Channel = entry.Channel,
            CreatedAt = GrpcTimestamp.FromDateTimeOffset(entry.CreatedAt),
        };
        if (entry.ReadAt is { } readAt)
        {
            message.ReadAt = GrpcTimestamp.FromDateTimeOffset(readAt);
        }

        return message;
    }
}
