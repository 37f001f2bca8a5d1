namespace Platform.Content.Profiles;

/// <summary>
/// What Content knows of one client to choose what it sees: the tags operators set, and the facts
/// the other services publish (the latest risk assessment, the acquisition channel and campaign,
/// the funnel's milestones, the last trade, the tier). Each fact keeps its own time, so events
/// applied in any order leave the same profile. The stage is Engagement's once it published one;
/// until then it is worked out from the milestones when it is read, because S4 turns into S5 by
/// the mere passing of 30 days.
/// </summary>
public sealed class ClientProfile
{
    public required string ClientId { get; init; }

    /// <summary>Sorted, without duplicates.</summary>
    public string[] OperatorTags { get; set; } = [];

    /// <summary>C1..C5 as its number; null until the client was assessed.</summary>
    public int? RiskTolerance { get; set; }

    /// <summary>
    /// Onboarding's risk_level_sequence of the event that carried <see cref="RiskTolerance"/> (or of a later one with the same
    /// level): Onboarding decides the current level (the latest assessment by its own rules), every StepRecorded and
    /// AccountApproved carries it, and the sequence grows with every event of the client, so the level of the highest
    /// sequence is Onboarding's current decision, whatever the broker's offsets did. Null until an event with a sequence came.
    /// </summary>
    public long? RiskLevelSequence { get; set; }

    /// <summary>
    /// The offset on onboarding.events of the last event without a sequence (published before Onboarding numbered its
    /// levels) that set or repeated <see cref="RiskTolerance"/>. Only such events use it, and only to raise the level
    /// (<see cref="ProfileFacts.AssessedAsync"/>): an offset says nothing once the broker was reset or repartitioned.
    /// </summary>
    public long? RiskLevelPosition { get; set; }

    public string? Channel { get; set; }

    public string? Campaign { get; set; }

    public DateTimeOffset? RegisteredAt { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    public DateTimeOffset? FundedAt { get; set; }

    public DateTimeOffset? LastTradeAt { get; set; }

    /// <summary>V0..V7; null until Tiering published a tier.</summary>
    public string? Tier { get; set; }

    public DateTimeOffset? TierChangedAt { get; set; }

    /// <summary>CNY to the next tier, known while Tiering says the client is near it (NearNextTier); a tier change forgets it.</summary>
    public decimal? AmountToNextTier { get; set; }

    public DateTimeOffset? AmountToNextTierAt { get; set; }

    /// <summary>
    /// The stage of Engagement's latest StageChanged (S1..S6), which decides the stage over the milestones (S6 comes only
    /// from it); null until one arrived.
    /// </summary>
    public string? EngagementStage { get; set; }

    /// <summary>When <see cref="EngagementStage"/> changed, by Engagement's clock: an older StageChanged changes nothing.</summary>
    public DateTimeOffset? EngagementStageAt { get; set; }

    /// <summary>One more per change that can change what the client sees: a cached feed of an older version is stale.</summary>
    public long Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
