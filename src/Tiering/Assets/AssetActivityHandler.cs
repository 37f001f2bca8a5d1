using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Envelope;
using Platform.Activity.Events;
using Platform.Messaging.Consuming;
using Platform.Messaging.Postgres;
using Platform.ServiceDefaults.Time;
using Platform.Tiering.Tiers;

namespace Platform.Tiering.Assets;

/// <summary>
/// Keeps what core systems report about a client's assets (end-of-day snapshots, money in and
/// out) and recalculates the tier. Facts are stored even before the client's approval, which
/// then starts from them. A replayed event changes nothing (snapshot kept per day by report
/// time, flows once per event id), so redelivery is harmless.
/// </summary>
public sealed class AssetActivityHandler(TieringDbContext db, TierRecalculator tiers, AfterCommit afterCommit)
    : IEventHandler<AssetsSnapshot>, IEventHandler<Deposit>, IEventHandler<Withdrawal>, IEventHandler<TransferOut>
{
    // The latest report of a day wins, ties by event id: the same result in any arrival order.
    private const string UpsertSnapshot = """
        INSERT INTO asset_snapshots (client_id, day, total_assets, reported_at, event_id) VALUES ({0}, {1}, {2}, {3}, {4})
        ON CONFLICT (client_id, day) DO UPDATE SET total_assets = excluded.total_assets, reported_at = excluded.reported_at, event_id = excluded.event_id
        WHERE (excluded.reported_at, excluded.event_id) > (asset_snapshots.reported_at, asset_snapshots.event_id)
        """;

    private const string InsertFlow = """
        INSERT INTO asset_flows (client_id, event_id, day, amount) VALUES ({0}, {1}, {2}, {3}) ON CONFLICT DO NOTHING
        """;

    public async Task HandleAsync(AssetsSnapshot message, EventContext context, CancellationToken cancellationToken)
    {
        // The gateway validated the date; the occurrence day stands in if a producer left it out.
        var day = DateOnly.TryParseExact(message.Date, "yyyy-MM-dd", out var reported) ? reported : ShanghaiTime.DateOf(context.OccurredAt);
        await db.Database.LockClientAsync(message.ClientId, cancellationToken);
        await db.Database.ExecuteSqlRawAsync(UpsertSnapshot,
            [message.ClientId, day, message.TotalAssets.ToDecimal(), context.OccurredAt.ToUniversalTime(), context.EventId], cancellationToken);
        await tiers.RecalculateAsync(message.ClientId, cancellationToken);
        afterCommit.Add(tiers.CommittedAsync);
    }

    public Task HandleAsync(Deposit message, EventContext context, CancellationToken cancellationToken) =>
        FlowAsync(message.ClientId, message.Amount.ToDecimal(), context, cancellationToken);

    public Task HandleAsync(Withdrawal message, EventContext context, CancellationToken cancellationToken) =>
        FlowAsync(message.ClientId, -message.Amount.ToDecimal(), context, cancellationToken);

    public Task HandleAsync(TransferOut message, EventContext context, CancellationToken cancellationToken) =>
        FlowAsync(message.ClientId, -message.Amount.ToDecimal(), context, cancellationToken);

    private async Task FlowAsync(string clientId, decimal amount, EventContext context, CancellationToken cancellationToken)
    {
        await db.Database.LockClientAsync(clientId, cancellationToken);
        await db.Database.ExecuteSqlRawAsync(InsertFlow,
            [clientId, context.EventId, ShanghaiTime.DateOf(context.OccurredAt), amount], cancellationToken);
        await tiers.RecalculateAsync(clientId, cancellationToken);
        afterCommit.Add(tiers.CommittedAsync);
    }
}
