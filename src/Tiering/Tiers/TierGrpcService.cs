using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Messaging.Envelope;
using Platform.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Validation;
using Platform.Tiering.Grpc;
using Amount = Platform.Tiering.Events.Amount;

namespace Platform.Tiering.Tiers;

/// <summary>Tier reads: Redis first, then the database (which refreshes Redis).</summary>
public sealed class TierGrpcService(TieringDbContext db, TierReader tiers) : TieringService.TieringServiceBase
{
    public override async Task<TierReply> GetTier(GetTierRequest request, ServerCallContext context)
    {
        RequireClientId(request.ClientId);
        context.EnsureMayActFor(request.ClientId);
        return await tiers.GetAsync(request.ClientId, context.CancellationToken) ?? throw NotFound();
    }

    public override async Task<TierHistoryReply> GetTierHistory(GetTierRequest request, ServerCallContext context)
    {
        RequireClientId(request.ClientId);
        context.EnsureMayActFor(request.ClientId);
        if (!await db.ClientTiers.AnyAsync(c => c.ClientId == request.ClientId, context.CancellationToken))
        {
            throw NotFound();
        }

        var entries = await db.TierHistory.AsNoTracking().Where(e => e.ClientId == request.ClientId).OrderBy(e => e.Id)
            .ToListAsync(context.CancellationToken);
        var reply = new TierHistoryReply();
        reply.Entries.AddRange(entries.Select(e => new Grpc.TierHistoryEntry
        {
            FromTier = e.From.ToString(), ToTier = e.To.ToString(), Reason = e.Reason, At = Timestamp.FromDateTimeOffset(e.At),
            AverageDailyAssets = e.AverageDailyAssets.ToExact<Amount>(),
        }));
        return reply;
    }

    internal static void RequireClientId(string clientId)
    {
        // The client_id columns hold ClientIds.MaxLength characters; a NUL or lone surrogate would fail the query itself (a 500).
        if (StorableText.Check(clientId, ClientIds.MaxLength, required: true) is { } invalid)
        {
            throw GrpcFieldErrors.InvalidArgument("clientId", invalid);
        }
    }

    internal static RpcException NotFound() => new(new Status(StatusCode.NotFound, "Tiering does not know this client (not approved yet)."));
}
