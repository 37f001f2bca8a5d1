using Microsoft.EntityFrameworkCore;
using Platform.Engagement.Policies;

namespace Platform.Engagement.Outreach.Decisions;

/// <summary>Erased and tier from the lifecycle state, one query for the batch's clients; a client without state is neither.</summary>
internal sealed class ClientStandings(EngagementDbContext db) : IClientStandings
{
    public async Task<IReadOnlyDictionary<string, ClientStanding>> ReadAsync(IReadOnlyCollection<string> clientIds, CancellationToken cancellationToken)
    {
        string[] ids = [.. clientIds];
        var rows = await db.ClientStates.AsNoTracking().Where(s => ids.Contains(s.ClientId))
            .Select(s => new { s.ClientId, s.Erased, s.Tier }).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.ClientId,
            r => new ClientStanding(r.Erased, TierLevels.TryParse(r.Tier, out var level) ? level : null), StringComparer.Ordinal);
    }
}
