using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Platform.Tiering;

/// <summary>
/// One transaction at a time per client: everything that changes a client's tier or redeems its
/// benefits takes this lock first, so that a redemption and the downgrade that withdraws the
/// benefit (or two redemptions racing for the last of a quota) happen one after the other. The
/// sweep only tries it (<see cref="Tiers.SweepClaims"/>) and leaves a busy client to its next round.
/// </summary>
public static class ClientLock
{
    /// <summary>Held until the transaction ends.</summary>
    public static Task LockClientAsync(this DatabaseFacade database, string clientId, CancellationToken cancellationToken) =>
        database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended({clientId}, 0))", cancellationToken);
}
