using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults;
using Platform.Tiering.Grpc;

namespace Platform.Tiering.Tiers;

/// <summary>Tier reads: Redis first, then the database (which refreshes Redis).</summary>
public sealed class TierGrpcService(TieringDbContext db, TierCache cache, TierTableStore tables) : TieringService.TieringServiceBase
{
    public override async Task<TierReply> GetTier(GetTierRequest request, ServerCallContext context)
    {
        RequireClientId(request);
        if (await cache.GetAsync(request.ClientId) is { } cached)
        {
            return cached;
        }

        var client = await db.ClientTiers.AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == request.ClientId, context.CancellationToken)
            ?? throw NotFound();
        return await cache.RefreshAsync(client, await tables.GetCurrentAsync(context.CancellationToken), context.CancellationToken);
    }

    public override async Task<TierHistoryReply> GetTierHistory(GetTierRequest request, ServerCallContext context)
    {
        RequireClientId(request);
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
            AverageDailyAssets = e.AverageDailyAssets.ToAmount(),
        }));
        return reply;
    }

    private static void RequireClientId(GetTierRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.ClientId) || request.ClientId.Length > 64)
        {
            throw GrpcFieldErrors.InvalidArgument("clientId", "is required, at most 64 characters");
        }
    }

    private static RpcException NotFound() => new(new Status(StatusCode.NotFound, "Tiering does not know this client (not approved yet)."));
}
