using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Platform.Engagement.Grpc;
using Platform.Engagement.Privacy;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Validation;
using GrpcTimestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Platform.Engagement.Outreach.Audit;

/// <summary>
/// GET /v1/clients/{id}/outreach: every decided instance of a client and why, newest fired first. A pending instance
/// (fired, waiting out the priority window) has no decision of API.md's four yet and is left out until decided.
/// </summary>
[Authorize(Roles = CallerRoles.Operator)]
public sealed class OutreachAuditGrpcService(EngagementDbContext db, ErasedClients erased) : OutreachAuditService.OutreachAuditServiceBase
{
    public const int DefaultLimit = 500;
    public const int MaxLimit = 1000;

    public override async Task<OutreachAudit> ListOutreach(ListOutreachRequest request, ServerCallContext context)
    {
        if (StorableText.Check(request.ClientId, ClientIds.MaxLength, required: true) is { } invalid)
        {
            throw GrpcFieldErrors.InvalidArgument("clientId", invalid);
        }

        if (request.Limit is < 0 or > MaxLimit)
        {
            throw GrpcFieldErrors.InvalidArgument("limit", $"must be between 1 and {MaxLimit}, or 0 (unset) for {DefaultLimit}");
        }

        // An erased client's data routes answer 404 (API.md, Privacy); its decisions stay, without their words, for the report.
        if (await erased.IsErasedAsync(request.ClientId, context.CancellationToken))
        {
            throw new RpcException(new Status(StatusCode.NotFound, "The client was erased."));
        }

        var instances = await db.OutreachInstances.AsNoTracking()
            .Where(i => i.ClientId == request.ClientId && i.Decision != OutreachDecisions.Pending)
            .OrderByDescending(i => i.FiredAt).ThenByDescending(i => i.InstanceKey)
            .Take(request.Limit == 0 ? DefaultLimit : request.Limit)
            .ToListAsync(context.CancellationToken);
        return new OutreachAudit { Instances = { instances.Select(ToWire) } };
    }

    private static OutreachAuditEntry ToWire(OutreachInstance instance) => new()
    {
        InstanceKey = instance.InstanceKey, Moment = instance.Moment, RuleVersion = instance.RuleVersion,
        FiredAt = GrpcTimestamp.FromDateTimeOffset(instance.FiredAt), Decision = instance.Decision, Reason = instance.Reason ?? "",
        Channel = instance.Channel, ItemId = instance.ItemId ?? "", DeferredUntil = Timestamp(instance.DeferredUntil),
        DecidedAt = Timestamp(instance.DecidedAt), DeliveredAt = Timestamp(instance.DeliveredAt),
    };

    private static GrpcTimestamp? Timestamp(DateTimeOffset? time) => time is { } value ? GrpcTimestamp.FromDateTimeOffset(value) : null;
}
