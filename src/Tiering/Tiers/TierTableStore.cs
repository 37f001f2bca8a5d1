using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Platform.Tiering.Tiers;

/// <summary>The current tier table (highest version), cached briefly so that an operator's change reaches every replica without a restart.</summary>
public sealed class TierTableStore(TieringDbContext db, IMemoryCache cache, IOptions<TieringOptions> options)
{
    public async Task<TierTable> GetCurrentAsync(CancellationToken cancellationToken) =>
        (await cache.GetOrCreateAsync("tier-table-current", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = options.Value.TableCacheTime;
            var stored = await db.Set<StoredTierTable>().AsNoTracking().OrderByDescending(t => t.Version).FirstAsync(cancellationToken);
            return stored.ToTable();
        }))!;
}
