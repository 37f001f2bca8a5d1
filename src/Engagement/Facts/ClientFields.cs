namespace Platform.Engagement.Facts;

/// <summary>
/// The client fields a rule may put conditions on (<c>client.&lt;name&gt;</c>), as the lifecycle state knows them when a
/// rule is evaluated. The vocabulary is fixed here so that the rule validator (which names an unknown field in its 400)
/// and the state (which supplies the values) agree. A field the state does not know for a client (no login yet, no
/// snapshot) is absent: every condition on it is false except a negated <c>exists</c>.
/// </summary>
public static class ClientFields
{
    public const string Stage = "client.stage";                          // S1..S6
    public const string Tier = "client.tier";                            // V0..V7
    public const string RegisteredAt = "client.registeredAt";
    public const string ApprovedAt = "client.approvedAt";
    public const string FirstDepositAt = "client.firstDepositAt";
    public const string FirstInvestmentAt = "client.firstInvestmentAt";  // the first trade or product purchase
    public const string LastInvestmentAt = "client.lastInvestmentAt";
    public const string LastLoginAt = "client.lastLoginAt";
    public const string TotalAssets = "client.totalAssets";              // CNY, the latest daily snapshot
    public const string Cash = "client.cash";                            // CNY, the latest daily snapshot
    public const string IdleCashDays = "client.idleCashDays";            // consecutive trading days with cash at or above the idle-cash threshold
    public const string IdleCashSince = "client.idleCashSince";          // 00:00 Asia/Shanghai of the first day of that run (absent: no run, or one over 30 days)
    public const string AssetsChange30d = "client.assetsChange30d";      // percent change of total assets over 30 days (-50 = halved)
    public const string DaysSinceLogin = "client.daysSinceLogin";        // whole days since the last login (or since approval when it never logged in)
    public const string DisengagedAt = "client.disengagedAt";            // when M16's signal began or will begin if nothing changes (may lie ahead)
    public const string LastTransferOutPercent = "client.lastTransferOutPercent"; // percent of the assets just before it that the latest transfer out moved
    public const string AmountToNextTier = "client.amountToNextTier";    // CNY, while Tiering says the client is near the next tier
    public const string Investments = "client.investments";              // trades and product purchases counted so far
    public const string Erased = "client.erased";

    /// <summary>Every client field and its kind.</summary>
    public static IReadOnlyDictionary<string, FieldKind> All { get; } = new Dictionary<string, FieldKind>(StringComparer.Ordinal)
    {
        [Stage] = FieldKind.Text,
        [Tier] = FieldKind.Text,
        [RegisteredAt] = FieldKind.Time,
        [ApprovedAt] = FieldKind.Time,
        [FirstDepositAt] = FieldKind.Time,
        [FirstInvestmentAt] = FieldKind.Time,
        [LastInvestmentAt] = FieldKind.Time,
        [LastLoginAt] = FieldKind.Time,
        [TotalAssets] = FieldKind.Number,
        [Cash] = FieldKind.Number,
        [IdleCashDays] = FieldKind.Number,
        [IdleCashSince] = FieldKind.Time,
        [AssetsChange30d] = FieldKind.Number,
        [DaysSinceLogin] = FieldKind.Number,
        [DisengagedAt] = FieldKind.Time,
        [LastTransferOutPercent] = FieldKind.Number,
        [AmountToNextTier] = FieldKind.Number,
        [Investments] = FieldKind.Number,
        [Erased] = FieldKind.Flag,
    };
}
