namespace Platform.Tiering.Tiers;

/// <summary>
/// The rules operators configure: the minimum average daily assets (CNY) of V1..V7, the ADA
/// window in trading days, the hysteresis of downgrades and how close to the next tier counts as
/// near. Versioned: every change is a new version, and clients are recalculated against it.
/// </summary>
/// <param name="Minimums">Minimum ADA of V1..V7 (seven values, strictly increasing, the first above zero).</param>
/// <param name="WindowDays">Trading days averaged (default 20).</param>
/// <param name="DowngradeBelow">A review downgrades only below this share of the current tier's minimum (default 0.9).</param>
/// <param name="NearNextTier">"Near" the next tier from this share of its minimum (default 0.9: within 10%).</param>
public sealed record TierTable(int Version, IReadOnlyList<decimal> Minimums, int WindowDays, decimal DowngradeBelow, decimal NearNextTier)
{
    /// <summary>Decimals the stored table keeps (numeric(20,2) minimums, numeric(5,4) shares): more are refused, never rounded.</summary>
    public const int MinimumDecimals = 2;

    public const int ShareDecimals = 4;

    private const decimal MaxMinimum = 1_000_000_000_000_000_000m;

    /// <summary>DOMAIN.md's defaults; V1 is "more than nothing", one fen.</summary>
    public static TierTable Default { get; } = new(1, [0.01m, 10_000m, 50_000m, 200_000m, 1_000_000m, 5_000_000m, 10_000_000m], 20, 0.9m, 0.9m);

    /// <summary>The minimum ADA of a tier; zero for V0.</summary>
    public decimal MinimumOf(Tier tier) => tier == Tier.V0 ? 0m : Minimums[(int)tier - 1];

    /// <summary>The highest tier whose minimum <paramref name="averageDailyAssets"/> reaches.</summary>
    public Tier QualifiedFor(decimal averageDailyAssets)
    {
        var tier = Tier.V0;
        for (var i = 0; i < Minimums.Count && averageDailyAssets >= Minimums[i]; i++)
        {
            tier = (Tier)(i + 1);
        }

        return tier;
    }

    /// <summary>A review may take the tier away only below this ADA; zero for V0 (nothing to take).</summary>
    public decimal DowngradeThresholdOf(Tier tier) => MinimumOf(tier) * DowngradeBelow;

    /// <summary>What is wrong with the table, by field; empty when it can be used.</summary>
    public IReadOnlyDictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>();
        if (Minimums.Count != TierCatalog.All.Count - 1)
        {
            errors["thresholds"] = $"must give the minimum of V1..V7: {TierCatalog.All.Count - 1} values";
        }
        else if (Minimums[0] <= 0 || Minimums.Zip(Minimums.Skip(1)).Any(pair => pair.Second <= pair.First))
        {
            errors["thresholds"] = "must be above zero and strictly increasing from V1 to V7";
        }
        else if (Minimums.Any(m => m >= MaxMinimum || !HasAtMost(m, MinimumDecimals)))
        {
            // What the column numeric(20,2) holds: more would fail the insert (a 500) or be rounded silently.
            errors["thresholds"] = $"must be below 10^18 CNY with at most {MinimumDecimals} decimals";
        }

        if (WindowDays is < 1 or > 250)
        {
            errors["windowDays"] = "must be between 1 and 250 trading days";
        }

        if (DowngradeBelow is <= 0 or > 1 || !HasAtMost(DowngradeBelow, ShareDecimals))
        {
            errors["hysteresis"] = $"must be above 0 and at most 1 with at most {ShareDecimals} decimals (the share of a tier's minimum below which a review downgrades)";
        }

        if (NearNextTier is <= 0 or >= 1 || !HasAtMost(NearNextTier, ShareDecimals))
        {
            errors["nearNextTier"] = $"must be above 0 and below 1 with at most {ShareDecimals} decimals";
        }

        return errors;
    }

    private static bool HasAtMost(decimal value, int decimals) => decimal.Round(value, decimals) == value;
}
