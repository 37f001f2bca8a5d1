using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Platform.Tiering.Tiers;

/// <summary>The current tier table (highest version), cached briefly so that an operator's change reaches every replica without a restart.</summary>
public sealed class TierTableStore(TieringDbContext db, IMemoryCache cache, IOptions<TieringOptions> options)
{
    public async Task<TierTable> GetCurrentAsync(CancellationToken cancellationToken) =>
        options.Value.TableCacheTime <= TimeSpan.Zero
            ? await ReadAsync(cancellationToken)
            : (await cache.GetOrCreateAsync("tier-table-current", entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = options.Value.TableCacheTime;
                return ReadAsync(cancellationToken);
            }))!;

    /// <summary>The current table read now, past the cache: what a sweep's batch applies (one small read per batch).</summary>
    public Task<TierTable> ReadCurrentAsync(CancellationToken cancellationToken) => ReadAsync(cancellationToken);

    private async Task<TierTable> ReadAsync(CancellationToken cancellationToken) =>
        (await db.Set<StoredTierTable>().AsNoTracking().OrderByDescending(t => t.Version).FirstAsync(cancellationToken)).ToTable();
}
