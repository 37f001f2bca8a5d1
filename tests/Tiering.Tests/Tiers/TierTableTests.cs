using Platform.Tiering.Tiers;

namespace Platform.Tiering.Tests.Tiers;

public sealed class TierTableTests
{
    private static readonly TierTable Table = TierTable.Default;

    [Theory]
    [InlineData("0", Tier.V0)]
    [InlineData("0.01", Tier.V1)]
    [InlineData("9999.99", Tier.V1)]
    [InlineData("10000", Tier.V2)]
    [InlineData("49999.99", Tier.V2)]
    [InlineData("50000", Tier.V3)]
    [InlineData("200000", Tier.V4)]
    [InlineData("1000000", Tier.V5)]
    [InlineData("4999999.99", Tier.V5)]
    [InlineData("5000000", Tier.V6)]
    [InlineData("10000000", Tier.V7)]
    [InlineData("900000000", Tier.V7)]
    public void TheTierIsTheHighestWhoseMinimumTheAdaReaches(string ada, Tier expected) =>
        Assert.Equal(expected, Table.QualifiedFor(decimal.Parse(ada, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void JourneysGroupTheTiers()
    {
        Assert.Equal([Journey.TreasureHunt, Journey.TreasureHunt, Journey.TreasureHunt, Journey.DreamBuilder, Journey.DreamBuilder,
            Journey.DreamBuilder, Journey.RoadToWealth, Journey.RoadToWealth], TierCatalog.All.Select(t => t.JourneyOf()));
        Assert.Equal("dream_builder", Tier.V4.JourneyOf().ToWireName());
    }

    [Fact]
    public void TheDefaultTableIsValidAndDowngradesBelowNinetyPercent()
    {
        Assert.Empty(Table.Validate());
        Assert.Equal(45_000m, Table.DowngradeThresholdOf(Tier.V3));
        Assert.Equal(0m, Table.DowngradeThresholdOf(Tier.V0));
    }

    [Fact]
    public void ABadTableIsRefusedNamingTheField()
    {
        Assert.Contains("thresholds", (Table with { Minimums = [0.01m, 10_000m, 10_000m, 200_000m, 1_000_000m, 5_000_000m, 10_000_000m] }).Validate().Keys);
        Assert.Contains("thresholds", (Table with { Minimums = [0m, 10_000m, 50_000m, 200_000m, 1_000_000m, 5_000_000m, 10_000_000m] }).Validate().Keys);
        Assert.Contains("thresholds", (Table with { Minimums = [0.01m, 10_000m] }).Validate().Keys);
        Assert.Contains("windowDays", (Table with { WindowDays = 0 }).Validate().Keys);
        Assert.Contains("hysteresis", (Table with { DowngradeBelow = 1.2m }).Validate().Keys);
        Assert.Contains("nearNextTier", (Table with { NearNextTier = 1m }).Validate().Keys);
    }

    [Fact]
    public void EveryBadFieldOfATableIsNamedAtOnce()
    {
        var table = Table with { Minimums = [0.01m, 10_000m], WindowDays = 0, DowngradeBelow = 1e20m, NearNextTier = 0m };

        Assert.Equal(["hysteresis", "nearNextTier", "thresholds", "windowDays"], table.Validate().Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("V3", true)]
    [InlineData("V0", true)]
    [InlineData("v3", false)]
    [InlineData("3", false)]
    [InlineData("V8", false)]
    [InlineData("V3,V4", false)]
    [InlineData("", false)]
    public void OnlyTheTiersOwnNamesParse(string wire, bool parses) => Assert.Equal(parses, TierCatalog.TryParse(wire, out _));
}
