using Platform.ServiceDefaults.Caching;
using Platform.Tiering.Grpc;
using StackExchange.Redis;

namespace Platform.Tiering.Benefits;

/// <summary>
/// Cache-aside copies behind a client's benefits list: the catalogue (one copy for everyone) and
/// each client's redemptions of the current year. Both are refreshed after the commits that
/// change them; the times to live bound how long a copy can stay stale when such a refresh was
/// missed (Redis down at that moment, or a concurrent read's older copy landing last).
/// </summary>
public sealed class BenefitCache(RedisCopies copies)
{
    private static readonly TimeSpan CatalogTimeToLive = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan UsageTimeToLive = TimeSpan.FromMinutes(10);

    public static RedisKey CatalogKey => "tiering:benefits:catalog";

    public static RedisKey UsageKey(string clientId) => $"tiering:benefits:usage:{clientId}";

    public Task<BenefitCatalog?> GetCatalogAsync() => copies.GetAsync(CatalogKey, BenefitCatalog.Parser);

    public Task SetCatalogAsync(BenefitCatalog catalog) => copies.SetAsync([(CatalogKey, catalog)], CatalogTimeToLive);

    public Task<ClientBenefitUsage?> GetUsageAsync(string clientId) => copies.GetAsync(UsageKey(clientId), ClientBenefitUsage.Parser);

    public Task SetUsageAsync(string clientId, ClientBenefitUsage usage) => copies.SetAsync([(UsageKey(clientId), usage)], UsageTimeToLive);
}
