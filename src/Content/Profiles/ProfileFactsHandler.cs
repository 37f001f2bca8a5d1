using Platform.Activity.Events;
using Platform.Content.Targeting;
using Platform.Messaging.Consuming;
using Platform.Messaging.Envelope;
using Platform.Onboarding.Events;
using Platform.Tiering.Events;

namespace Platform.Content.Profiles;

/// <summary>
/// Builds profiles from what the other services publish. Each event becomes guarded upserts, so a
/// redelivery or an event overtaken by a later one changes nothing; the inbox of the consumer
/// host makes each event count once besides.
/// </summary>
public sealed class ProfileFactsHandler(ProfileFacts facts) :
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
        await facts.AcquiredAsync(message.ClientId, message.Channel, message.Campaign, message.RegisteredAt?.ToDateTimeOffset(), cancellationToken);
        if (message.Step == RiskAssessedStep && RiskScale.TryParseTolerance(message.RiskLevel, out var tolerance))
        {
            await facts.AssessedAsync(message.ClientId, tolerance, At(message.OccurredAt, context), cancellationToken);
        }
    }

    public async Task HandleAsync(AccountApproved message, EventContext context, CancellationToken cancellationToken)
    {
        var approvedAt = At(message.OccurredAt, context);
        await facts.AcquiredAsync(message.ClientId, message.Channel, message.Campaign, message.RegisteredAt?.ToDateTimeOffset(), cancellationToken);
        await facts.ApprovedAsync(message.ClientId, approvedAt, cancellationToken);
        // The approval carries the level the account was opened with: current as of the approval, overtaken by any later assessment.
        if (RiskScale.TryParseTolerance(message.RiskLevel, out var tolerance))
        {
            await facts.AssessedAsync(message.ClientId, tolerance, approvedAt, cancellationToken);
        }
    }

    public async Task HandleAsync(AccountFunded message, EventContext context, CancellationToken cancellationToken)
    {
        if (message.ApprovedAt is { } approvedAt)
        {
            await facts.ApprovedAsync(message.ClientId, approvedAt.ToDateTimeOffset(), cancellationToken);
        }

        await facts.FundedAsync(message.ClientId, At(message.FundedAt, context), cancellationToken);
    }

    public Task HandleAsync(TierChanged message, EventContext context, CancellationToken cancellationToken) =>
        TagVocabulary.Tiers.Contains(message.ToTier)
            ? facts.TierChangedAsync(message.ClientId, message.ToTier, At(message.OccurredAt, context), cancellationToken)
            : Task.CompletedTask;

    public Task HandleAsync(NearNextTier message, EventContext context, CancellationToken cancellationToken) =>
        facts.NearNextTierAsync(message.ClientId, message.AmountToNextTier.ToDecimal(), At(message.OccurredAt, context), cancellationToken);

    public Task HandleAsync(Trade message, EventContext context, CancellationToken cancellationToken) =>
        facts.TradedAsync(message.ClientId, At(message.OccurredAt, context), cancellationToken);

    public Task HandleAsync(ProductPurchase message, EventContext context, CancellationToken cancellationToken) =>
        facts.TradedAsync(message.ClientId, At(message.OccurredAt, context), cancellationToken);

    private static DateTimeOffset At(Google.Protobuf.WellKnownTypes.Timestamp? occurredAt, EventContext context) =>
        occurredAt?.ToDateTimeOffset() ?? context.OccurredAt;
}
