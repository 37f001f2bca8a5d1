using Platform.Tiering.Tiers;

namespace Platform.Tiering.Tests.Tiers;

/// <summary>A table the store cannot keep as sent is refused by field: never a failed insert (500), never rounded.</summary>
public sealed class TierTableLimitsTests
{
    private static readonly TierTable Table = TierTable.Default;

    [Theory]
    [InlineData(0, "0.015")]                 // V1: numeric(20,2) would round it to 0.02
    [InlineData(6, "1000000000000000000")]   // V7: 10^18 does not fit numeric(20,2)
    public void AMinimumTheStoreCannotKeepIsRefused(int tier, string minimum)
    {
        var minimums = Table.Minimums.ToArray();
        minimums[tier] = decimal.Parse(minimum, System.Globalization.CultureInfo.InvariantCulture);

        var errors = (Table with { Minimums = minimums }).Validate();

        Assert.Contains("thresholds", errors.Keys);
    }

    [Fact]
    public void SharesWithMoreDecimalsThanStoredAreRefused()
    {
        var errors = (Table with { DowngradeBelow = 0.90001m, NearNextTier = 0.12345m }).Validate();

        Assert.Equal(["hysteresis", "nearNextTier"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void FourDecimalSharesAndTwoDecimalMinimumsAreKept() =>
        Assert.Empty((Table with { DowngradeBelow = 0.8765m, NearNextTier = 0.9999m, Minimums = [0.01m, 10_000.5m, 50_000m, 200_000m, 1_000_000m,
            5_000_000m, 999_999_999_999_999_999.99m] }).Validate());
}
