using Platform.Engagement.Events;
using Platform.Messaging.Consuming;
using Platform.Messaging.Privacy;
using Platform.Tiering.Benefits;
using Platform.Tiering.Tiers;

namespace Platform.Tiering.Privacy;

/// <summary>
/// Erases what Tiering holds about a client: its tier and tier history, its asset snapshots and flows, its benefit
/// redemptions. Under the client's lock, which every writer of these rows takes, a tombstone is written first: the asset
/// consumer finds it and stores nothing for the client again. The tier and benefit-usage copies in Redis are forgotten
/// before the commit and after it (<see cref="ErasureTombstones.ForgetCopiesAsync"/>).
/// </summary>
public sealed class ClientErasedHandler(TieringDbContext db, TierCache tiers, BenefitCache benefits, AfterCommit afterCommit) : IEventHandler<ClientErased>
{
    // One round trip; the client id is the only parameter.
    private const string Erase = """
        DELETE FROM tier_history WHERE client_id = {0};
        DELETE FROM client_tiers WHERE client_id = {0};
        DELETE FROM asset_snapshots WHERE client_id = {0};
        DELETE FROM asset_flows WHERE client_id = {0};
        DELETE FROM benefit_redemptions WHERE client_id = {0};
        """;

    public async Task HandleAsync(ClientErased message, EventContext context, CancellationToken cancellationToken)
    {
        await ErasureTombstones.EraseAsync(db.Database, message.ClientId, message.ErasedAt?.ToDateTimeOffset() ?? context.OccurredAt, Erase, cancellationToken);
        await ErasureTombstones.ForgetCopiesAsync(afterCommit, async () =>
        {
            await tiers.ForgetAsync(message.ClientId);
            await benefits.ForgetUsageAsync(message.ClientId);
        });
    }
}
