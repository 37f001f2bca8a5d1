using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Platform.Activity.Events;
using Platform.Messaging.Consuming;
using Platform.Messaging.Envelope;
using Platform.Messaging.Postgres;
using Platform.Messaging.Privacy;
using Platform.Onboarding.Events;
using Platform.ServiceDefaults.Time;
using Platform.Tiering.Tiers;

namespace Platform.Tiering.Assets;

/// <summary>
/// Keeps what core systems report about a client's assets (end-of-day snapshots, money in and out) and the approvals
/// that start a client's tier, a poll's worth of events per transaction: a nightly snapshot of a million clients is a
/// million events, and one transaction (one fsync, a dozen round trips) each made it an hour's work. Per batch: the
/// clients' locks in one order, every snapshot and flow in one statement each, the batch's clients and their facts read
/// once, and each client's tier recalculated once from everything now stored, as the sweep does.
/// </summary>
/// <remarks>
/// Facts are stored even before the client's approval, which then starts from them. A replayed event changes nothing
/// (a day's snapshot is the latest report of the day, ties by event id; a flow counts once per event id), so redelivery
/// and any arrival order leave the same facts. Because a tier is a function of the stored facts and today's date, one
/// recalculation after the batch gives the tier the events one by one would have ended at; what it does not repeat is
/// the steps between (two upgrades in one batch are one TierChanged from the first tier to the last).
/// </remarks>
public sealed class AssetActivityHandler(TieringDbContext db, TierRecalculator tiers, AfterCommit afterCommit) : IEventBatchHandler
{
    // The latest report of each day wins, ties by event id, within the batch (DISTINCT ON) and against the stored row.
    private const string UpsertSnapshots = """
        INSERT INTO asset_snapshots (client_id, day, total_assets, reported_at, event_id)
        SELECT DISTINCT ON (client_id, day) client_id, day, total_assets, reported_at, event_id
        FROM unnest($1, $2, $3, $4, $5) AS s(client_id, day, total_assets, reported_at, event_id)
        WHERE NOT EXISTS (SELECT 1 FROM erased_clients e WHERE e.client_id = s.client_id)
        ORDER BY client_id, day, reported_at DESC, event_id DESC
        ON CONFLICT (client_id, day) DO UPDATE SET total_assets = excluded.total_assets, reported_at = excluded.reported_at, event_id = excluded.event_id
        WHERE (excluded.reported_at, excluded.event_id) > (asset_snapshots.reported_at, asset_snapshots.event_id)
        """;

    private const string InsertFlows = """
        INSERT INTO asset_flows (client_id, event_id, day, amount)
        SELECT DISTINCT ON (client_id, event_id) client_id, event_id, day, amount
        FROM unnest($1, $2, $3, $4) AS f(client_id, event_id, day, amount)
        WHERE NOT EXISTS (SELECT 1 FROM erased_clients e WHERE e.client_id = f.client_id)
        ON CONFLICT DO NOTHING
        """;

    private sealed record Snapshot(string ClientId, DateOnly Day, decimal TotalAssets, DateTimeOffset ReportedAt, Guid EventId);

    private sealed record Flow(string ClientId, Guid EventId, DateOnly Day, decimal Amount);

    public async Task HandleAsync(IReadOnlyList<ConsumedEvent> events, CancellationToken cancellationToken)
    {
        var (snapshots, flows, approvals) = (new List<Snapshot>(), new List<Flow>(), new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal));
        var clientIds = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (message, context) in events.Select(e => (e.Message, e.Context)))
        {
            switch (message)
            {
                case AccountApproved approved:
                    // The first approval of the batch starts the client; a later one (a redelivery) finds the row.
                    approvals.TryAdd(approved.ClientId, approved.OccurredAt?.ToDateTimeOffset() ?? context.OccurredAt);
                    clientIds.Add(approved.ClientId);
                    break;
                case AssetsSnapshot snapshot:
                    // The gateway validated the date; the occurrence day stands in if a producer left it out.
                    var day = DateOnly.TryParseExact(snapshot.Date, "yyyy-MM-dd", out var reported) ? reported : ShanghaiTime.DateOf(context.OccurredAt);
                    snapshots.Add(new Snapshot(snapshot.ClientId, day, snapshot.TotalAssets.ToDecimal(), context.OccurredAt.ToUniversalTime(), context.EventId));
                    clientIds.Add(snapshot.ClientId);
                    break;
                case Deposit deposit:
                    flows.Add(FlowOf(deposit.ClientId, deposit.Amount.ToDecimal(), context));
                    clientIds.Add(deposit.ClientId);
                    break;
                case Withdrawal withdrawal:
                    flows.Add(FlowOf(withdrawal.ClientId, -withdrawal.Amount.ToDecimal(), context));
                    clientIds.Add(withdrawal.ClientId);
                    break;
                case TransferOut transfer:
                    flows.Add(FlowOf(transfer.ClientId, -transfer.Amount.ToDecimal(), context));
                    clientIds.Add(transfer.ClientId);
                    break;
                default:
                    throw new InvalidOperationException($"{message.Descriptor.Name} is not a tiering fact.");
            }
        }

        // An erased client's facts are not stored (the statements skip them) and it is not started or recalculated.
        var erased = await WriteFactsAsync(clientIds, snapshots, flows, cancellationToken);
        string[] ids = [.. clientIds.Where(id => !erased.Contains(id))];
        var clients = await db.ClientTiers.AsNoTracking().Where(c => ids.Contains(c.ClientId)).ToListAsync(cancellationToken);
        var known = clients.Select(c => c.ClientId).ToHashSet(StringComparer.Ordinal);
        var started = approvals.Where(a => !known.Contains(a.Key) && !erased.Contains(a.Key)).Select(a => ClientTier.Start(a.Key, a.Value)).ToList();
        db.ClientTiers.AddRange(started);

        var histories = await tiers.LoadHistoriesAsync([.. clients.Concat(started).Select(c => c.ClientId)], cancellationToken);
        var table = await tiers.CurrentTableAsync(cancellationToken);
        foreach (var client in clients.Concat(started))
        {
            tiers.Recalculate(client, histories[client.ClientId], table);
        }

        // The new clients are inserted by the host's SaveChanges; the others are not tracked and written here in one statement.
        await ClientTierRows.UpdateAsync(db, clients, cancellationToken);
        afterCommit.Add(tiers.CommittedAsync);
    }

    private static Flow FlowOf(string clientId, decimal amount, EventContext context) =>
        new(clientId, context.EventId, ShanghaiTime.DateOf(context.OccurredAt), amount);

    /// <summary>
    /// The batch's clients locked (the lock every writer of a client takes, in one order), the erased ones among them found
    /// (after the locks, so an erasure committed before them is seen), then their facts but the erased clients', in one round
    /// trip. Returns the erased clients.
    /// </summary>
    private async Task<HashSet<string>> WriteFactsAsync(IReadOnlyCollection<string> clientIds, List<Snapshot> snapshots, List<Flow> flows,
        CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection())
        {
            BatchCommands = { ClientLocks.LockClients(clientIds), ErasureTombstones.FindAmong(clientIds) },
        };
        if (snapshots.Count > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(UpsertSnapshots)
            {
                Parameters =
                {
                    SqlArrays.Text(snapshots.Select(s => s.ClientId)),
                    SqlArrays.Of(NpgsqlDbType.Date, snapshots.Select(s => s.Day)),
                    SqlArrays.Of(NpgsqlDbType.Numeric, snapshots.Select(s => s.TotalAssets)),
                    SqlArrays.Of(NpgsqlDbType.TimestampTz, snapshots.Select(s => s.ReportedAt)),
                    SqlArrays.Of(NpgsqlDbType.Uuid, snapshots.Select(s => s.EventId)),
                },
            });
        }

        if (flows.Count > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(InsertFlows)
            {
                Parameters =
                {
                    SqlArrays.Text(flows.Select(f => f.ClientId)),
                    SqlArrays.Of(NpgsqlDbType.Uuid, flows.Select(f => f.EventId)),
                    SqlArrays.Of(NpgsqlDbType.Date, flows.Select(f => f.Day)),
                    SqlArrays.Of(NpgsqlDbType.Numeric, flows.Select(f => f.Amount)),
                },
            });
        }

        var erased = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken); // the locks' rows say nothing
        while (await reader.ReadAsync(cancellationToken))
        {
            erased.Add(reader.GetString(0));
        }

        while (await reader.NextResultAsync(cancellationToken))
        {
            // the writes: read through, so that their errors surface here
        }

        return erased;
    }
}
