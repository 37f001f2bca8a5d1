using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Platform.Messaging.Postgres;

namespace Platform.Onboarding.Funnel;

/// <summary>
/// Funnel versions from the database. A version never changes, so it is cached for good; the
/// latest version of a name is cached briefly, so an operator's change reaches every replica
/// within <see cref="FunnelOptions.LatestDefinitionCacheTime"/> and needs no restart.
/// </summary>
public sealed class FunnelDefinitionStore(OnboardingDbContext db, IMemoryCache cache, IOptions<FunnelOptions> options, TimeProvider time)
{
    public async Task<FunnelDefinition?> GetAsync(string name, int version, CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync(("funnel", name, version), async _ =>
        {
            var stored = await db.FunnelDefinitions.AsNoTracking()
                .FirstOrDefaultAsync(d => d.Name == name && d.Version == version, cancellationToken);
            return stored?.ToDefinition();
        });

    public async Task<(FunnelDefinition Definition, StoredFunnelDefinition Stored)?> GetLatestAsync(string name, CancellationToken cancellationToken)
    {
        var cacheTime = options.Value.LatestDefinitionCacheTime;
        return cacheTime <= TimeSpan.Zero
            ? await ReadLatestAsync(name, cancellationToken)
            : await cache.GetOrCreateAsync(("funnel-latest", name), entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = cacheTime;
                return ReadLatestAsync(name, cancellationToken);
            });
    }

    private async Task<(FunnelDefinition Definition, StoredFunnelDefinition Stored)?> ReadLatestAsync(string name, CancellationToken cancellationToken)
    {
        var stored = await db.FunnelDefinitions.AsNoTracking()
            .Where(d => d.Name == name).OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken);
        return stored is null ? null : (stored.ToDefinition(), stored);
    }

    /// <summary>Stores a new version (the latest + 1, or 1 for a new name) and returns it.</summary>
    public async Task<StoredFunnelDefinition> PutAsync(string name, IReadOnlyList<FunnelStep> steps,
        IReadOnlyDictionary<FunnelStep, IReadOnlySet<string>> optionalOnChannels, IReadOnlyList<TimeSpan> stallAfter,
        TimeSpan dormantAfter, string changedBy, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.LockAsync(LockFamily.FunnelDefinition, name, cancellationToken);
        var latest = await db.FunnelDefinitions.Where(d => d.Name == name).MaxAsync(d => (int?)d.Version, cancellationToken) ?? 0;
        var definition = new FunnelDefinition(name, latest + 1, steps, optionalOnChannels, stallAfter, dormantAfter);
        var stored = StoredFunnelDefinition.From(definition, time.GetUtcNow(), changedBy);
        db.FunnelDefinitions.Add(stored);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        cache.Remove(("funnel-latest", name));
        return stored;
    }
}
