using Microsoft.EntityFrameworkCore;
using Platform.Tiering.Grpc;

namespace Platform.Tiering.Tiers;

/// <summary>"What is this client's tier": the Redis copy, else the database (which refreshes the copy).</summary>
public sealed class TierReader(TieringDbContext db, TierCache cache, TierTableStore tables)
{
    /// <summary>Null for a client Tiering does not know (not approved yet).</summary>
    public async Task<TierReply?> GetAsync(string clientId, CancellationToken cancellationToken)
    {
        if (await cache.GetAsync(clientId) is { } cached)
        {
            return cached;
        }

        var client = await db.ClientTiers.AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == clientId, cancellationToken);
        return client is null ? null : await cache.RefreshAsync(client, await tables.GetCurrentAsync(cancellationToken), cancellationToken);
    }
}
