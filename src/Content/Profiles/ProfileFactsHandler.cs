using Platform.Activity.Events;
using Platform.Content.Feed;
using Platform.Content.Targeting;
using Platform.Messaging.Consuming;
using Platform.Messaging.Envelope;
using Platform.Onboarding.Events;
using Platform.Tiering.Events;

namespace Platform.Content.Profiles;

/// <summary>
/// Builds profiles from what the other services publish. Each event becomes guarded upserts, so a
/// redelivery or an event overtaken by a later one changes nothing; the inbox of the consumer
/// host makes each event count once besides. A change invalidates the client's cached feed once the
/// handler's transaction committed.
/// </summary>
public sealed class ProfileFactsHandler(ProfileFacts facts, FeedInvalidations invalidations, AfterCommit afterCommit) :
    IEventHandler<StepRecorded>,
    IEventHandler<AccountApproved>,
    IEventHandler<AccountFunded>,
    IEventHandler<TierChanged>,
    IEventHandler<NearNextTier>,
    IEventHandler<Trade>,
    IEventHandler<ProductPurchase>
{
    /// <summary>The funnel step that carries a new risk assessment (Onboarding's step name).</summary>
    public const string RiskAssessedStep = "risk_assessed";

    public async Task HandleAsync(StepRecorded message, EventContext context, CancellationToken cancellationToken)
    {
        InvalidateAfterCommit();
        await facts.AcquiredAsync(message.ClientId, message.Channel, message.Campaign, message.RegisteredAt?.ToDateTimeOffset(), cancellationToken);
        // Every step carries Onboarding's current level (empty before any assessment): the latest event's, by Onboarding's sequence, is the one.
        if (RiskScale.TryParseTolerance(message.RiskLevel, out var tolerance))
        {
            await facts.AssessedAsync(message.ClientId, tolerance, message.RiskLevelSequence, context.Offset, cancellationToken);
        }
    }

    public async Task HandleAsync(AccountApproved message, EventContext context, CancellationToken cancellationToken)
    {
        InvalidateAfterCommit();
        var approvedAt = At(message.OccurredAt, context);
        await facts.AcquiredAsync(message.ClientId, message.Channel, message.Campaign, message.RegisteredAt?.ToDateTimeOffset(), cancellationToken);
        await facts.ApprovedAsync(message.ClientId, approvedAt, cancellationToken);
        if (RiskScale.TryParseTolerance(message.RiskLevel, out var tolerance))
        {
            await facts.AssessedAsync(message.ClientId, tolerance, message.RiskLevelSequence, context.Offset, cancellationToken);
        }
    }

    public async Task HandleAsync(AccountFunded message, EventContext context, CancellationToken cancellationToken)
    {
        InvalidateAfterCommit();
        if (message.ApprovedAt is { } approvedAt)
        {
            await facts.ApprovedAsync(message.ClientId, approvedAt.ToDateTimeOffset(), cancellationToken);
        }

        await facts.FundedAsync(message.ClientId, At(message.FundedAt, context), cancellationToken);
    }

    public async Task HandleAsync(TierChanged message, EventContext context, CancellationToken cancellationToken)
    {
        InvalidateAfterCommit();
        if (TagVocabulary.Tiers.Contains(message.ToTier))
        {
            await facts.TierChangedAsync(message.ClientId, message.ToTier, At(message.OccurredAt, context), cancellationToken);
        }
    }

    public async Task HandleAsync(NearNextTier message, EventContext context, CancellationToken cancellationToken)
    {
        InvalidateAfterCommit();
        await facts.NearNextTierAsync(message.ClientId, message.AmountToNextTier.ToDecimal(), At(message.OccurredAt, context), cancellationToken);
    }

    public async Task HandleAsync(Trade message, EventContext context, CancellationToken cancellationToken)
    {
        InvalidateAfterCommit();
        await facts.TradedAsync(message.ClientId, At(message.OccurredAt, context), cancellationToken);
    }

    public async Task HandleAsync(ProductPurchase message, EventContext context, CancellationToken cancellationToken)
    {
        InvalidateAfterCommit();
        await facts.TradedAsync(message.ClientId, At(message.OccurredAt, context), cancellationToken);
    }

    /// <summary>Writes the tombstones of whatever the handler changed once its transaction committed (nothing when nothing changed).</summary>
    private void InvalidateAfterCommit() => afterCommit.Add(invalidations.AfterCommitAsync);

    private static DateTimeOffset At(Google.Protobuf.WellKnownTypes.Timestamp? occurredAt, EventContext context) =>
        occurredAt?.ToDateTimeOffset() ?? context.OccurredAt;
}
