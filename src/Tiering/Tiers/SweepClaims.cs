using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Postgres;

namespace Platform.Tiering.Tiers;

/// <summary>
/// Which clients a sweep round takes: the due review's first, else the due recalculations, in key
/// order, FOR UPDATE SKIP LOCKED (a second replica takes the next ones), and of those only the
/// clients whose advisory lock is free (a consumer holding it is applying an event: the client is
/// left for the next round). Each kind of work is a pass over the key: a round continues after the
/// last client of the previous one, so that it does not read again the rows already done (from
/// the start every round, a million clients cost a million row visits per round), and a pass
/// that finds nothing more starts over once from the first key, for the clients it had to skip.
/// </summary>
/// <remarks>
/// A review found complete is looked for again only when the review time changes or a round
/// starts after a pause: finding no client due reads every client, which every batch of a long
/// recalculation would otherwise pay (a million clients, a few hundred batches); a client approved
/// before the review but known only later is still reviewed, at the next round after a pause.
/// </remarks>
public sealed class SweepClaims
{
    // {0}: the review's time, or today (Shanghai).
    private const string Reviews = "approved_at < {0} AND (last_review_at IS NULL OR last_review_at < {0})";
    private const string Recalculations = "calculated_on IS NULL OR calculated_on < {0} OR table_version < (SELECT max(version) FROM tier_tables)";

    private readonly Pass reviews = new(Reviews);
    private readonly Pass recalculations = new(Recalculations);
    private DateTimeOffset? reviewComplete;
    private bool draining;

    /// <summary>Claims the next batch: whether it is the review's, and the clients (not tracked by the context).</summary>
    public async Task<(bool Review, IReadOnlyList<ClientTier> Clients)> ClaimAsync(TieringDbContext db, DateTimeOffset reviewAt, DateOnly today,
        int batchSize, CancellationToken cancellationToken)
    {
        if (reviewComplete != reviewAt || !draining)
        {
            var due = await reviews.ClaimAsync(db, reviewAt, batchSize, cancellationToken);
            if (due.Count > 0)
            {
                draining = due.Count >= batchSize;
                return (true, due);
            }

            // None from the first key on (a pass that finds none after its position starts over): complete for now.
            reviewComplete = reviewAt;
        }

        var recalculations = await this.recalculations.ClaimAsync(db, today, batchSize, cancellationToken);
        // A full batch is followed at once by the next round (DrainingWorker); any other by a pause.
        draining = recalculations.Count >= batchSize;
        return (false, recalculations);
    }

    /// <summary>The claimed clients whose advisory lock this transaction now holds, in one statement for the batch.</summary>
    public static async Task<IReadOnlyList<ClientTier>> TryLockAsync(TieringDbContext db, IReadOnlyList<ClientTier> clients,
        CancellationToken cancellationToken)
    {
        if (clients.Count == 0)
        {
            return clients;
        }

        // The lock consumers and redemptions wait on; here never waited on.
        var locked = await db.Database.TryLockClientsAsync(clients.Select(c => c.ClientId), cancellationToken);
        return [.. clients.Where(c => locked.Contains(c.ClientId))];
    }

    /// <summary>One kind of work's position in the key order; the worker's single loop is its only user.</summary>
    private sealed class Pass(string condition)
    {
        private string? after;

        public async Task<IReadOnlyList<ClientTier>> ClaimAsync(TieringDbContext db, object dueBefore, int batchSize, CancellationToken cancellationToken)
        {
            var claimed = await QueryAsync(db, dueBefore, batchSize, cancellationToken);
            if (claimed.Count == 0 && after is not null)
            {
                after = null;
                claimed = await QueryAsync(db, dueBefore, batchSize, cancellationToken);
            }

            after = claimed.Count > 0 ? claimed[^1].ClientId : null;
            return claimed;
        }

        private Task<List<ClientTier>> QueryAsync(TieringDbContext db, object dueBefore, int batchSize, CancellationToken cancellationToken)
        {
            // {1}: the batch size, {2}: the last client of the previous round.
            var sql = $"SELECT * FROM client_tiers WHERE ({condition}){(after is null ? "" : " AND client_id > {2}")} "
                + "ORDER BY client_id LIMIT {1} FOR UPDATE SKIP LOCKED";
            object[] parameters = after is null ? [dueBefore, batchSize] : [dueBefore, batchSize, after];
            return db.ClientTiers.FromSqlRaw(sql, parameters).AsNoTracking().ToListAsync(cancellationToken);
        }
    }
}
