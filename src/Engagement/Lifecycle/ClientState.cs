namespace Platform.Engagement.Lifecycle;

/// <summary>
/// What Engagement knows of one client's lifecycle (one row of <c>client_states</c>): the milestones, the latest activity, the
/// daily assets of the last weeks, the tier, and the stage they give. Every fact keeps the value its own time says is current
/// (the earliest approval, the latest login, the snapshot of the latest trading day), so events applied in any order, or
/// again, leave the same facts (<see cref="ClientStateFolding"/>). The stage is stored so that a change is published once
/// (<see cref="StageSettlement"/>); <see cref="NextCheckAt"/> is no later than the first time time alone may change it (an
/// earlier check may be kept: it depends on the order events came in, the facts do not).
/// </summary>
public sealed class ClientState
{
    public required string ClientId { get; init; }

    /// <summary>The earliest registration seen (or the earliest funnel event, which cannot precede it, until it is known).</summary>
    public DateTimeOffset? RegisteredAt { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    /// <summary>The earliest deposit (Onboarding's first funding, or any deposit activity).</summary>
    public DateTimeOffset? FirstDepositAt { get; set; }

    /// <summary>The first trade or product purchase.</summary>
    public DateTimeOffset? FirstInvestmentAt { get; set; }

    public DateTimeOffset? LastInvestmentAt { get; set; }

    /// <summary>Trades and purchases counted (the consumer's inbox makes each event count once).</summary>
    public int Investments { get; set; }

    public DateTimeOffset? LastLoginAt { get; set; }

    /// <summary>V0..V7, from the latest tier change.</summary>
    public string? Tier { get; set; }

    public DateTimeOffset? TierChangedAt { get; set; }

    /// <summary>CNY to the next tier while Tiering says the client is near it; a later tier change forgets it.</summary>
    public decimal? AmountToNextTier { get; set; }

    public DateTimeOffset? AmountToNextTierAt { get; set; }

    /// <summary>The trading day of the latest snapshot, and its total assets and cash (CNY).</summary>
    public DateOnly? SnapshotDate { get; set; }

    public decimal? TotalAssets { get; set; }

    public decimal? Cash { get; set; }

    /// <summary>Consecutive snapshot days, up to the latest, with cash at or above the idle-cash threshold when last settled.</summary>
    public int IdleCashDays { get; set; }

    /// <summary>The daily snapshots of the last <see cref="AssetHistory.KeptDays"/> days before the latest, oldest first (parallel arrays).</summary>
    public DateOnly[] DailyDates { get; set; } = [];

    public decimal[] DailyTotals { get; set; } = [];

    public decimal[] DailyCash { get; set; } = [];

    /// <summary>When each day's snapshot was taken: of two snapshots of one day, the later replaces the other.</summary>
    public DateTimeOffset[] DailyTakenAt { get; set; } = [];

    /// <summary>Transfers out within <see cref="LifecycleStages.Window"/> of the latest one (parallel arrays, oldest first).</summary>
    public DateTimeOffset[] TransferOutAt { get; set; } = [];

    public decimal[] TransferOutAmounts { get; set; } = [];

    /// <summary>S1..S6 as last settled; null while nothing places the client in the lifecycle.</summary>
    public string? Stage { get; set; }

    public DateTimeOffset? StageChangedAt { get; set; }

    /// <summary>
    /// The sweeper's due time: no later than when the stage may next change by time alone, possibly earlier (a kept check,
    /// <see cref="LifecycleStages.NextCheckToStore"/>); null when only an event can change it.
    /// </summary>
    public DateTimeOffset? NextCheckAt { get; set; }

    /// <summary>Set by erasure (issue 12 item 8): no outreach is decided for the client again.</summary>
    public bool Erased { get; set; }
}
