using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Consuming;
using Platform.Messaging.Postgres;
using Platform.Onboarding.Events;

namespace Platform.Tiering.Tiers;

/// <summary>An approved client starts at V0, then at once at whatever the assets reported so far qualify it for.</summary>
public sealed class AccountApprovedHandler(TieringDbContext db, TierRecalculator tiers, AfterCommit afterCommit) : IEventHandler<AccountApproved>
{
    public async Task HandleAsync(AccountApproved message, EventContext context, CancellationToken cancellationToken)
    {
        await db.Database.LockClientAsync(message.ClientId, cancellationToken);
        if (!await db.ClientTiers.AnyAsync(c => c.ClientId == message.ClientId, cancellationToken))
        {
            db.ClientTiers.Add(ClientTier.Start(message.ClientId, message.OccurredAt?.ToDateTimeOffset() ?? context.OccurredAt));
        }

        await tiers.RecalculateAsync(message.ClientId, cancellationToken);
        afterCommit.Add(tiers.CommittedAsync);
    }
}
