using Microsoft.EntityFrameworkCore;
using Platform.Tiering.Grpc;

namespace Platform.Tiering.Benefits;

/// <summary>The catalogue and a client's redemptions: the Redis copies, else the database (which refreshes them).</summary>
public sealed class BenefitStore(TieringDbContext db, BenefitCache cache)
{
    public async Task<BenefitCatalog> CatalogAsync(CancellationToken cancellationToken) =>
        await cache.GetCatalogAsync() ?? await RefreshCatalogAsync(cancellationToken);

    /// <summary>Every benefit, retired ones included, by minimum tier then id; call after a change commits.</summary>
    public async Task<BenefitCatalog> RefreshCatalogAsync(CancellationToken cancellationToken)
    {
        var benefits = await db.Benefits.AsNoTracking().ToListAsync(cancellationToken);
        var catalog = new BenefitCatalog();
        catalog.Benefits.AddRange(benefits.OrderBy(b => b.MinTier).ThenBy(b => b.BenefitId, StringComparer.Ordinal).Select(b => b.ToDefinition()));
        await cache.SetCatalogAsync(catalog, benefits.Sum(b => (long)b.Version));
        return catalog;
    }

    public async Task<ClientBenefitUsage> UsageAsync(string clientId, DateOnly today, CancellationToken cancellationToken) =>
        await cache.GetUsageAsync(clientId) ?? await RefreshUsageAsync(clientId, today, cancellationToken);

    /// <summary>
    /// The client's redemptions since the start of <paramref name="today"/>'s year, per benefit and
    /// day: enough for any quota period (months and quarters lie within the year). Call after a
    /// redemption commits.
    /// </summary>
    public async Task<ClientBenefitUsage> RefreshUsageAsync(string clientId, DateOnly today, CancellationToken cancellationToken)
    {
        var yearStart = QuotaPeriod.Year.StartOf(today);
        var days = await db.BenefitRedemptions.AsNoTracking()
            .Where(r => r.ClientId == clientId && r.RedeemedOn >= yearStart)
            .GroupBy(r => new { r.BenefitId, r.RedeemedOn })
            .Select(g => new { g.Key.BenefitId, g.Key.RedeemedOn, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var usage = new ClientBenefitUsage();
        usage.Days.AddRange(days.Select(d => new UsageDay { BenefitId = d.BenefitId, DayNumber = d.RedeemedOn.DayNumber, Count = d.Count }));
        // This year's count, after the year: a new year's first copy is still newer than the last year's.
        await cache.SetUsageAsync(clientId, usage, yearStart.Year * 1_000_000_000L + days.Sum(d => d.Count));
        return usage;
    }
}
