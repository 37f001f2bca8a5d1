using Platform.ServiceDefaults.Caching;
using Platform.Tiering.Grpc;
using StackExchange.Redis;

namespace Platform.Tiering.Benefits;

/// <summary>
/// Cache-aside copies behind a client's benefits list: the catalogue (one copy for everyone) and
/// each client's redemptions of the current year. Both are refreshed after the commits that
/// change them, and carry a version so that a concurrent read's older copy landing last never
/// replaces them; the times to live bound how long a copy can stay stale when such a refresh was
/// missed (Redis down at that moment, or the process stopped between the commit and the refresh).
/// </summary>
public sealed class BenefitCache(RedisCopies copies)
{
    private static readonly TimeSpan CatalogTimeToLive = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan UsageTimeToLive = TimeSpan.FromMinutes(10);

    public static RedisKey CatalogKey => "tiering:benefits:catalog";

    public static RedisKey UsageKey(string clientId) => $"tiering:benefits:usage:{clientId}";

    public Task<BenefitCatalog?> GetCatalogAsync() => copies.GetAsync(CatalogKey, BenefitCatalog.Parser);

    /// <param name="version">Grows with every change of the catalogue (the sum of its benefits' versions: benefits are never deleted).</param>
    public Task SetCatalogAsync(BenefitCatalog catalog, long version) =>
        copies.SetAsync([new VersionedCopy(CatalogKey, catalog, version)], CatalogTimeToLive);

    public Task<ClientBenefitUsage?> GetUsageAsync(string clientId) => copies.GetAsync(UsageKey(clientId), ClientBenefitUsage.Parser);

    /// <param name="version">Grows with every redemption of the client (redemptions are only ever added).</param>
    /// <summary>Forgets the client's usage copy for good (an erased client).</summary>
    public Task<bool> ForgetUsageAsync(string clientId) => copies.ForgetAsync([UsageKey(clientId)], UsageTimeToLive);

    public Task SetUsageAsync(string clientId, ClientBenefitUsage usage, long version) =>
        copies.SetAsync([new VersionedCopy(UsageKey(clientId), usage, version)], UsageTimeToLive);
}
