using Microsoft.EntityFrameworkCore;

namespace Platform.Engagement.Privacy;

/// <summary>
/// Which clients were erased, for the code that must never act for them again (the timeline, the decision pipeline's
/// first step). Reads in the caller's transaction: a caller that holds the clients' locks (<c>ClientLocks</c>, which the
/// erasure takes too) sees every erasure committed before it.
/// </summary>
public sealed class ErasedClients(EngagementDbContext db)
{
    /// <summary>The erased ones among <paramref name="clientIds"/>, in one query.</summary>
    public async Task<IReadOnlySet<string>> AmongAsync(IReadOnlyCollection<string> clientIds, CancellationToken cancellationToken)
    {
        if (clientIds.Count == 0)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        string[] ids = [.. clientIds.Distinct(StringComparer.Ordinal)];
        var erased = await db.ClientErasures.AsNoTracking().Where(e => ids.Contains(e.ClientId)).Select(e => e.ClientId).ToListAsync(cancellationToken);
        return erased.ToHashSet(StringComparer.Ordinal);
    }

    public async Task<bool> IsErasedAsync(string clientId, CancellationToken cancellationToken) =>
        (await AmongAsync([clientId], cancellationToken)).Count > 0;
}
