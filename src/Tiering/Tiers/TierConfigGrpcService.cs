using Microsoft.AspNetCore.Authorization;
using Platform.Messaging.Envelope;
using Platform.ServiceDefaults.Auth;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults;
using Platform.Tiering.Grpc;
using Amount = Platform.Tiering.Events.Amount;

namespace Platform.Tiering.Tiers;

/// <summary>
/// The tier table operators change: each change is a new version, used by every replica within
/// <see cref="TieringOptions.TableCacheTime"/>; every client is then recalculated by the sweep
/// against it (upgrades at once, downgrades only through reviews).
/// </summary>
[Authorize(Roles = CallerRoles.Operator)]
public sealed class TierConfigGrpcService(TieringDbContext db, TimeProvider time) : TierConfigService.TierConfigServiceBase
{
    public override async Task<TierTableReply> GetTierTable(GetTierTableRequest request, ServerCallContext context) =>
        ToReply(await CurrentAsync(context.CancellationToken));

    public override async Task<TierTableReply> PutTierTable(PutTierTableRequest request, ServerCallContext context)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        // One change at a time: versions are consecutive.
        await db.Database.ExecuteSqlRawAsync("LOCK TABLE tier_tables IN EXCLUSIVE MODE", context.CancellationToken);
        var current = await CurrentAsync(context.CancellationToken);
        var table = new TierTable(current.Version + 1, [.. request.Minimums.Select(m => m.ToDecimal())], request.WindowDays,
            request.DowngradeBelow.ToDecimal(), request.NearNextTier.ToDecimal());
        if (table.Validate() is { Count: > 0 } errors)
        {
            throw GrpcFieldErrors.InvalidArgument(errors.ToDictionary(e => e.Key, e => new[] { e.Value }));
        }

        var stored = new StoredTierTable
        {
            Version = table.Version, Minimums = [.. table.Minimums], WindowDays = table.WindowDays, DowngradeBelow = table.DowngradeBelow,
            NearNextTier = table.NearNextTier, CreatedAt = time.GetUtcNow(),
        };
        db.Add(stored);
        await db.SaveChangesAsync(context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
        return ToReply(stored);
    }

    private Task<StoredTierTable> CurrentAsync(CancellationToken cancellationToken) =>
        db.Set<StoredTierTable>().AsNoTracking().OrderByDescending(t => t.Version).FirstAsync(cancellationToken);

    private static TierTableReply ToReply(StoredTierTable stored)
    {
        var reply = new TierTableReply
        {
            Version = stored.Version, WindowDays = stored.WindowDays, DowngradeBelow = stored.DowngradeBelow.ToExact<Amount>(),
            NearNextTier = stored.NearNextTier.ToExact<Amount>(), CreatedAt = Timestamp.FromDateTimeOffset(stored.CreatedAt),
        };
        reply.Minimums.AddRange(stored.Minimums.Select(m => m.ToExact<Amount>()));
        return reply;
    }
}
