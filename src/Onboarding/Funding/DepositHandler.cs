using Microsoft.EntityFrameworkCore;
using Platform.Activity.Events;
using Platform.Messaging;
using Platform.Messaging.Consuming;
using Platform.Messaging.Postgres;
using Platform.Messaging.Privacy;
using Platform.Onboarding.Funnel;
using Platform.Onboarding.Progress;
using Platform.Onboarding.Stalls;
using Platform.ServiceDefaults.Validation;

namespace Platform.Onboarding.Funding;

/// <summary>
/// The first deposit after approval funds the account and ends its dormant watch. A deposit reported
/// before the approval is kept (<see cref="EarlyDeposit"/>) and funds the account when the approval is
/// recorded, so that the account is not reported dormant while it holds money.
/// </summary>
public sealed class DepositHandler(OnboardingDbContext db, TimerScheduler timers, ProgressCache progress, AfterCommit afterCommit, TimeProvider time)
    : IEventHandler<Deposit>
{
    // The earliest deposit wins: it is the one that funded the account.
    private const string KeepEarliest = """
        INSERT INTO early_deposits (client_id, occurred_at) VALUES ({0}, {1})
        ON CONFLICT (client_id) DO UPDATE SET occurred_at = least(early_deposits.occurred_at, excluded.occurred_at)
        """;

    public async Task HandleAsync(Deposit message, EventContext context, CancellationToken cancellationToken)
    {
        if (message.ClientId.Length is 0 or > ClientIds.MaxLength)
        {
            return; // no such client can ever record a step here
        }

        await db.Database.LockClientAsync(message.ClientId, cancellationToken);
        if (await ErasureTombstones.IsErasedAsync(db.Database, message.ClientId, cancellationToken))
        {
            return; // erased: nothing of the client is kept again
        }

        var funnel = await db.ClientFunnels.FirstOrDefaultAsync(f => f.ClientId == message.ClientId, cancellationToken);
        var depositedAt = message.OccurredAt?.ToDateTimeOffset() ?? context.OccurredAt;
        if (funnel?.ApprovedAt is null)
        {
            await db.Database.ExecuteSqlRawAsync(KeepEarliest, [message.ClientId, depositedAt.ToUniversalTime()], cancellationToken);
            return;
        }

        if (!funnel.MarkFunded(depositedAt))
        {
            return; // funded before: nothing to do
        }

        await timers.CancelAsync(funnel.ClientId, TimerKind.Dormant, cancellationToken);
        db.AddOutboxEvent(Topics.OnboardingEvents, funnel.ClientId, AccountFundedEvent.Of(funnel), time.GetUtcNow(), funnel.FundedAt);
        afterCommit.Add(ct => progress.RefreshAsync(funnel, ct));
    }
}
