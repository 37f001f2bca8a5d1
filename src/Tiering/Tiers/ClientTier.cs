namespace Platform.Tiering.Tiers;

/// <summary>A warning given at a review: the next review downgrades unless ADA recovers first.</summary>
public sealed record DowngradeWarning(DateTimeOffset IssuedAt, DateTimeOffset ReviewAt);

/// <summary>What a tier decision produced: each becomes history and an event.</summary>
public abstract record TierOutcome(DateTimeOffset At);

public sealed record TierChanged(Tier From, Tier To, string Reason, decimal AverageDailyAssets, DateTimeOffset At) : TierOutcome(At);

public sealed record DowngradeWarned(Tier Tier, decimal AverageDailyAssets, DateTimeOffset At, DateTimeOffset ReviewAt) : TierOutcome(At);

public sealed record DowngradeWarningCleared(Tier Tier, decimal AverageDailyAssets, DateTimeOffset At) : TierOutcome(At);

public sealed record NearNextTier(Tier Tier, Tier Next, decimal AverageDailyAssets, decimal AmountToNext, DateTimeOffset At) : TierOutcome(At);

/// <summary>Why a tier changed, as history and events carry it.</summary>
public static class TierChangeReasons
{
    public const string Upgrade = "upgrade";
    public const string ThresholdsChanged = "thresholds_changed";
    public const string ReviewDowngrade = "review_downgrade";
}

/// <summary>
/// One client's tier and the rules that move it. Upgrades happen as soon as ADA qualifies.
/// Downgrades happen only at a review, only below the hysteresis share of the current tier's
/// minimum, and only when the previous review warned; recovering above that share before the
/// review clears the warning. A review is applied once (a repeated review time changes nothing).
/// </summary>
public sealed class ClientTier
{
    private ClientTier()
    {
    }

    public required string ClientId { get; init; }

    public Tier Tier { get; private set; }

    public DateTimeOffset Since { get; private set; }

    public decimal AverageDailyAssets { get; private set; }

    public DateTimeOffset? WarningIssuedAt { get; private set; }

    public DateTimeOffset? WarningReviewAt { get; private set; }

    public DowngradeWarning? Warning => WarningIssuedAt is { } issued && WarningReviewAt is { } review ? new(issued, review) : null;

    /// <summary>The next tier a NearNextTier was published for, while ADA stays near it.</summary>
    public Tier? NearTierNotified { get; private set; }

    public DateTimeOffset? LastReviewAt { get; private set; }

    public DateTimeOffset ApprovedAt { get; private init; }

    /// <summary>The business day ADA was last computed for (the daily recalculation follows the sliding window).</summary>
    public DateOnly? CalculatedOn { get; private set; }

    /// <summary>An approved client starts at V0.</summary>
    public static ClientTier Start(string clientId, DateTimeOffset approvedAt) =>
        new() { ClientId = clientId, Tier = Tier.V0, Since = approvedAt, ApprovedAt = approvedAt };

    /// <summary>The tier table version of the last calculation: a newer version recalculates the client.</summary>
    public int TableVersion { get; private set; }

    /// <summary>
    /// The row's version, kept by the database: a trigger adds one on every update, whoever writes
    /// the row. Cached copies carry it, so that an older copy never replaces a newer one.
    /// </summary>
    public long Version { get; internal set; }

    public void MarkCalculated(DateOnly day, int tableVersion) => (CalculatedOn, TableVersion) = (day, tableVersion);

    /// <summary>How much more ADA reaches the next tier; null at the top.</summary>
    public decimal? AmountToNextTier(TierTable table) =>
        Tier == TierCatalog.Highest ? null : Math.Max(0m, table.MinimumOf(Tier + 1) - AverageDailyAssets);

    /// <summary>
    /// ADA changed (new facts, a new day) or the table did: upgrade at once if ADA qualifies,
    /// clear a warning ADA has recovered from, and say when the next tier is near.
    /// </summary>
    public IReadOnlyList<TierOutcome> Recalculate(decimal averageDailyAssets, TierTable table, DateTimeOffset now,
        string upgradeReason = TierChangeReasons.Upgrade)
    {
        var outcomes = new List<TierOutcome>();
        AverageDailyAssets = averageDailyAssets;
        var qualified = table.QualifiedFor(averageDailyAssets);
        if (qualified > Tier)
        {
            outcomes.Add(new TierChanged(Tier, qualified, upgradeReason, averageDailyAssets, now));
            Move(qualified, now);
        }
        else if (Warning is not null && averageDailyAssets >= table.DowngradeThresholdOf(Tier))
        {
            ClearWarning();
            outcomes.Add(new DowngradeWarningCleared(Tier, averageDailyAssets, now));
        }

        NoteNearness(table, now, outcomes);
        return outcomes;
    }

    /// <summary>
    /// The periodic review at <paramref name="reviewAt"/>: below the hysteresis share of the
    /// tier's minimum, a client warned at the previous review drops to the tier its ADA qualifies
    /// for, and one not warned gets a warning for <paramref name="nextReviewAt"/>.
    /// </summary>
    public IReadOnlyList<TierOutcome> Review(decimal averageDailyAssets, TierTable table, DateTimeOffset reviewAt, DateTimeOffset nextReviewAt,
        string upgradeReason = TierChangeReasons.Upgrade)
    {
        if (LastReviewAt >= reviewAt)
        {
            return [];
        }

        LastReviewAt = reviewAt;
        var outcomes = Recalculate(averageDailyAssets, table, reviewAt, upgradeReason).ToList();
        if (averageDailyAssets >= table.DowngradeThresholdOf(Tier))
        {
            return outcomes;
        }

        if (Warning is { } warning && warning.IssuedAt < reviewAt)
        {
            var to = table.QualifiedFor(averageDailyAssets);
            outcomes.Add(new TierChanged(Tier, to, TierChangeReasons.ReviewDowngrade, averageDailyAssets, reviewAt));
            Move(to, reviewAt);
            NoteNearness(table, reviewAt, outcomes);
        }
        else if (Warning is null)
        {
            (WarningIssuedAt, WarningReviewAt) = (reviewAt, nextReviewAt);
            outcomes.Add(new DowngradeWarned(Tier, averageDailyAssets, reviewAt, nextReviewAt));
        }

        return outcomes;
    }

    private void Move(Tier to, DateTimeOffset at)
    {
        Tier = to;
        Since = at;
        ClearWarning();
        NearTierNotified = null;
    }

    private void ClearWarning() => (WarningIssuedAt, WarningReviewAt) = (null, null);

    /// <summary>Once per approach: again only after ADA left the near band or the tier changed.</summary>
    private void NoteNearness(TierTable table, DateTimeOffset now, List<TierOutcome> outcomes)
    {
        if (Tier == TierCatalog.Highest)
        {
            NearTierNotified = null;
            return;
        }

        var next = Tier + 1;
        var near = AverageDailyAssets >= table.MinimumOf(next) * table.NearNextTier && AverageDailyAssets < table.MinimumOf(next);
        if (!near)
        {
            NearTierNotified = null;
        }
        else if (NearTierNotified != next)
        {
            NearTierNotified = next;
            outcomes.Add(new NearNextTier(Tier, next, AverageDailyAssets, table.MinimumOf(next) - AverageDailyAssets, now));
        }
    }
}
