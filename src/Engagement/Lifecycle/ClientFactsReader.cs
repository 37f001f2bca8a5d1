using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Platform.Engagement.Lifecycle;

/// <summary>Loads the <see cref="ClientFacts"/> of a set of clients in one query, for evaluating rule conditions.</summary>
public sealed class ClientFactsReader(EngagementDbContext db, IOptionsMonitor<LifecycleOptions> options)
{
    /// <summary>
    /// The facts of each client at <paramref name="now"/>; a client Engagement has no state of gets an empty set (every field
    /// absent). <paramref name="idleCashThreshold"/> overrides the configured one (the engagement settings' value, say).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>>> LoadAsync(
        IReadOnlyCollection<string> clientIds, DateTimeOffset now, CancellationToken cancellationToken, decimal? idleCashThreshold = null)
    {
        var ids = clientIds.Distinct(StringComparer.Ordinal).ToArray();
        var states = await db.ClientStates.AsNoTracking().Where(s => ids.Contains(s.ClientId)).ToListAsync(cancellationToken);
        var threshold = idleCashThreshold ?? options.CurrentValue.IdleCashThreshold;
        var known = states.ToDictionary(s => s.ClientId, s => ClientFacts.Of(s, now, threshold), StringComparer.Ordinal);
        return ids.ToDictionary(id => id, id => known.GetValueOrDefault(id) ?? new Dictionary<string, object?>(), StringComparer.Ordinal);
    }
}
