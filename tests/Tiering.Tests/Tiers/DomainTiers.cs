using Platform.Tiering.Tiers;

namespace Platform.Tiering.Tests.Tiers;

/// <summary>
/// DOMAIN.md's default tier table, copied here by hand so that tests check the implementation
/// against the document instead of against itself (nothing here calls <see cref="TierTable"/>).
/// ADA is in fen (two decimals): V1's "more than nothing" is 0.01.
/// </summary>
public static class DomainTiers
{
    /// <summary>Each tier's minimum ADA and 90% of it, the share below which a review downgrades and from which the tier is "near".</summary>
    public static IReadOnlyList<(Tier Tier, decimal Minimum, decimal NinetyPercent)> Rows { get; } =
    [
        (Tier.V1, 0.01m, 0.009m),
        (Tier.V2, 10_000m, 9_000m),
        (Tier.V3, 50_000m, 45_000m),
        (Tier.V4, 200_000m, 180_000m),
        (Tier.V5, 1_000_000m, 900_000m),
        (Tier.V6, 5_000_000m, 4_500_000m),
        (Tier.V7, 10_000_000m, 9_000_000m),
    ];

    /// <summary>The row of the highest tier whose minimum the ADA reaches: V0 (no row) below V1's.</summary>
    public static Tier For(decimal ada)
    {
        var tier = Tier.V0;
        foreach (var row in Rows)
        {
            if (ada >= row.Minimum)
            {
                tier = row.Tier;
            }
        }

        return tier;
    }

    public static decimal MinimumOf(Tier tier) => tier == Tier.V0 ? 0m : Rows.Single(r => r.Tier == tier).Minimum;

    /// <summary>Zero for V0: nothing to take away.</summary>
    public static decimal NinetyPercentOf(Tier tier) => tier == Tier.V0 ? 0m : Rows.Single(r => r.Tier == tier).NinetyPercent;

    /// <summary>Every amount where a rule flips, and one fen either side of it (never below zero).</summary>
    public static IReadOnlyList<decimal> Boundaries { get; } =
    [
        .. Rows.SelectMany(r => new[] { r.Minimum, r.NinetyPercent })
            .SelectMany(edge => new[] { edge - 0.01m, edge, edge + 0.01m })
            .Where(amount => amount >= 0m)
            .Distinct()
            .Order(),
    ];
}
