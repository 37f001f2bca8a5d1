using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Platform.Activity.Events;
using Platform.Messaging;
using Platform.Messaging.Consuming;
using Platform.Onboarding.Events;
using Platform.Onboarding.Progress;
using Platform.Onboarding.Stalls;

namespace Platform.Onboarding.Funding;

/// <summary>The first deposit after approval funds the account and ends its dormant watch.</summary>
public sealed class DepositHandler(OnboardingDbContext db, TimerScheduler timers, ProgressCache progress, AfterCommit afterCommit, TimeProvider time)
    : IEventHandler<Deposit>
{
    public async Task HandleAsync(Deposit message, EventContext context, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended({message.ClientId}, 0))", cancellationToken);
        var funnel = await db.ClientFunnels.FirstOrDefaultAsync(f => f.ClientId == message.ClientId, cancellationToken);
        var fundedAt = message.OccurredAt?.ToDateTimeOffset() ?? context.OccurredAt;
        if (funnel is null || !funnel.MarkFunded(fundedAt))
        {
            return; // not (yet) approved, or funded before: nothing to do
        }

        await timers.CancelAsync(funnel.ClientId, TimerKind.Dormant, cancellationToken);
        db.AddOutboxEvent(Topics.OnboardingEvents, funnel.ClientId, new AccountFunded
        {
            ClientId = funnel.ClientId,
            ApprovedAt = Timestamp.FromDateTimeOffset(funnel.ApprovedAt!.Value),
            FundedAt = Timestamp.FromDateTimeOffset(fundedAt),
            Channel = funnel.Channel,
            Campaign = funnel.Campaign,
        }, time.GetUtcNow(), fundedAt);
        afterCommit.Add(ct => progress.RefreshAsync(funnel, ct));
    }
}
