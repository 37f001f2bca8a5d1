using Google.Protobuf;
using Platform.Activity.Events;
using Platform.Content.Experiments;
using Platform.Content.Feed;
using Platform.Content.Targeting;
using Platform.Engagement.Events;
using Platform.Messaging.Consuming;
using Platform.Messaging.Envelope;
using Platform.Messaging.Postgres;
using Platform.Onboarding.Events;
using Platform.Tiering.Events;

namespace Platform.Content.Profiles;

/// <summary>
/// Builds profiles from what the other services publish, a poll's worth of events per transaction (one commit, so one
/// fsync, per batch rather than per event, and one statement per kind of fact: <see cref="ProfileFacts"/>). The events'
/// facts are applied as if one by one in the order consumed, as guarded upserts, so a redelivery or an event overtaken by a
/// later one changes nothing; the inbox of the consumer host makes each event count once besides. A change invalidates the
/// client's cached feed once the batch's transaction committed. Engagement's outreach decisions carry no fact: their sent
/// experiment arms are exposures (<see cref="OutreachExposures"/>), recorded in the same transaction.
/// </summary>
public sealed class ProfileFactsHandler(
    ContentDbContext db, ProfileFacts facts, OutreachExposures outreach, FeedInvalidations invalidations, AfterCommit afterCommit) : IEventBatchHandler
{
    /// <summary>The funnel step that carries a new risk assessment (Onboarding's step name).</summary>
    public const string RiskAssessedStep = "risk_assessed";

    public async Task HandleAsync(IReadOnlyList<ConsumedEvent> events, CancellationToken cancellationToken)
    {
        // Writes the tombstones of whatever the batch changed once its transaction committed (nothing when nothing changed).
        afterCommit.Add(invalidations.AfterCommitAsync);
        var profileFacts = events.Where(e => e.Message is not OutreachDecided).SelectMany(e => FactsOf(e.Message, e.Context)).ToList();
        var exposures = OutreachExposures.Of(events);
        if (exposures.Count > 0)
        {
            // Both take the clients' locks: the whole batch's first, in one order, as a client's topics may be on different
            // members (two batches locking their clients one part after the other could each wait for the other).
            await db.Database.LockClientsAsync(profileFacts.Select(f => f.ClientId).Concat(exposures.Select(x => x.ClientId)), cancellationToken);
        }

        await facts.ApplyAsync(profileFacts, cancellationToken);
        await outreach.RecordAsync(exposures, cancellationToken);
    }

    /// <summary>The facts one event carries, in the order they are applied.</summary>
    public static IEnumerable<ProfileFact> FactsOf(IMessage message, EventContext context) => message switch
    {
        // Every step carries Onboarding's current level (empty before any assessment): the latest event's, by Onboarding's sequence, is the one.
        StepRecorded step => [Acquired(step.ClientId, step.Channel, step.Campaign, step.RegisteredAt), .. Assessed(step.ClientId, step.RiskLevel, step.RiskLevelSequence, context)],
        AccountApproved approved =>
        [
            Acquired(approved.ClientId, approved.Channel, approved.Campaign, approved.RegisteredAt),
            new ApprovedFact(approved.ClientId, At(approved.OccurredAt, context)),
            .. Assessed(approved.ClientId, approved.RiskLevel, approved.RiskLevelSequence, context),
        ],
        AccountFunded funded =>
        [
            .. funded.ApprovedAt is { } approvedAt ? [new ApprovedFact(funded.ClientId, approvedAt.ToDateTimeOffset())] : Array.Empty<ProfileFact>(),
            new FundedFact(funded.ClientId, At(funded.FundedAt, context)),
        ],
        TierChanged tier when TagVocabulary.Tiers.Contains(tier.ToTier) => [new TierChangedFact(tier.ClientId, tier.ToTier, At(tier.OccurredAt, context))],
        TierChanged => [],
        NearNextTier near => [new NearNextTierFact(near.ClientId, near.AmountToNextTier.ToDecimal(), At(near.OccurredAt, context))],
        StageChanged stage when TagVocabulary.Stages.Contains(stage.ToStage) => [new StageChangedFact(stage.ClientId, stage.ToStage, At(stage.OccurredAt, context))],
        StageChanged => [],
        Trade trade => [new TradedFact(trade.ClientId, At(trade.OccurredAt, context))],
        ProductPurchase purchase => [new TradedFact(purchase.ClientId, At(purchase.OccurredAt, context))],
        _ => throw new InvalidOperationException($"{message.Descriptor.Name} is not a profile fact."),
    };

    private static AcquiredFact Acquired(string clientId, string? channel, string? campaign, Google.Protobuf.WellKnownTypes.Timestamp? registeredAt) =>
        new(clientId, channel, campaign, registeredAt?.ToDateTimeOffset());

    private static IEnumerable<ProfileFact> Assessed(string clientId, string riskLevel, long sequence, EventContext context) =>
        RiskScale.TryParseTolerance(riskLevel, out var tolerance) ? [new AssessedFact(clientId, tolerance, sequence, context.Offset)] : [];

    private static DateTimeOffset At(Google.Protobuf.WellKnownTypes.Timestamp? occurredAt, EventContext context) =>
        occurredAt?.ToDateTimeOffset() ?? context.OccurredAt;
}
