using Platform.Tiering.Tiers;

namespace Platform.Tiering.Tests.Tiers;

public sealed class ClientTierTests
{
    private static readonly TierTable Table = TierTable.Default;
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Review1 = new(2026, 12, 1, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Review2 = new(2027, 1, 4, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Review3 = new(2027, 2, 1, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AnApprovedClientStartsAtV0AndUpgradesAsSoonAsItsAdaQualifies()
    {
        var client = ClientTier.Start("c-1", Start);

        var outcomes = client.Recalculate(60_000m, Table, Start.AddDays(1));

        Assert.Equal(Tier.V3, client.Tier);
        Assert.Equal(Start.AddDays(1), client.Since);
        var changed = Assert.IsType<TierChanged>(Assert.Single(outcomes));
        Assert.Equal((Tier.V0, Tier.V3, TierChangeReasons.Upgrade), (changed.From, changed.To, changed.Reason));
        Assert.Equal(140_000m, client.AmountToNextTier(Table));
    }

    [Fact]
    public void AFallingAdaNeverDowngradesBetweenReviews()
    {
        var client = At(Tier.V4, 250_000m);

        Assert.Empty(client.Recalculate(1_000m, Table, Start.AddDays(5)));
        Assert.Equal(Tier.V4, client.Tier);
    }

    [Fact]
    public void AReviewBelowNinetyPercentWarnsAndTheNextDowngrades()
    {
        var client = At(Tier.V4, 250_000m);

        var first = client.Review(100_000m, Table, Review1, Review2);
        var warned = Assert.IsType<DowngradeWarned>(Assert.Single(first));
        Assert.Equal((Tier.V4, Review2), (warned.Tier, warned.ReviewAt));
        Assert.Equal(Tier.V4, client.Tier);
        Assert.Equal(new DowngradeWarning(Review1, Review2), client.Warning);

        var second = client.Review(100_000m, Table, Review2, Review3);
        var changed = Assert.IsType<TierChanged>(Assert.Single(second));
        Assert.Equal((Tier.V4, Tier.V3, TierChangeReasons.ReviewDowngrade), (changed.From, changed.To, changed.Reason));
        Assert.Null(client.Warning);
    }

    [Fact]
    public void AReviewFromNinetyPercentOnLeavesTheTier()
    {
        var client = At(Tier.V4, 250_000m);

        Assert.Empty(client.Review(180_000m, Table, Review1, Review2));
        Assert.Empty(client.Review(180_000m, Table, Review2, Review3));
        Assert.Equal(Tier.V4, client.Tier);
    }

    [Fact]
    public void RecoveringBeforeTheReviewClearsTheWarningAndKeepsTheTier()
    {
        var client = At(Tier.V4, 250_000m);
        client.Review(100_000m, Table, Review1, Review2);

        var recovered = client.Recalculate(190_000m, Table, Review1.AddDays(10));
        var atReview = client.Review(100_000m, Table, Review2, Review3);

        Assert.IsType<DowngradeWarningCleared>(Assert.Single(recovered));
        // Below again at the review, but no warning stands from the previous one: warned again, not downgraded.
        Assert.IsType<DowngradeWarned>(Assert.Single(atReview));
        Assert.Equal(Tier.V4, client.Tier);
    }

    [Fact]
    public void AReviewAppliedTwiceCountsOnce()
    {
        var client = At(Tier.V4, 250_000m);
        client.Review(100_000m, Table, Review1, Review2);

        Assert.Empty(client.Review(100_000m, Table, Review1, Review2));
        Assert.Equal(Tier.V4, client.Tier);
    }

    [Fact]
    public void NearTheNextTierIsSaidOncePerApproach()
    {
        var client = At(Tier.V3, 60_000m);

        var near = client.Recalculate(185_000m, Table, Start.AddDays(2));
        var stillNear = client.Recalculate(190_000m, Table, Start.AddDays(3));
        client.Recalculate(150_000m, Table, Start.AddDays(4));
        var nearAgain = client.Recalculate(181_000m, Table, Start.AddDays(5));

        var said = Assert.IsType<NearNextTier>(Assert.Single(near));
        Assert.Equal((Tier.V3, Tier.V4, 15_000m), (said.Tier, said.Next, said.AmountToNext));
        Assert.Empty(stillNear);
        Assert.IsType<NearNextTier>(Assert.Single(nearAgain));
    }

    [Fact]
    public void AThresholdChangeUpgradesAtOnceWithItsOwnReason()
    {
        var client = At(Tier.V3, 150_000m);
        var lowered = Table with { Version = 2, Minimums = [0.01m, 10_000m, 50_000m, 100_000m, 1_000_000m, 5_000_000m, 10_000_000m] };

        var outcome = Assert.IsType<TierChanged>(Assert.Single(client.Recalculate(150_000m, lowered, Start.AddDays(3), TierChangeReasons.ThresholdsChanged)));

        Assert.Equal((Tier.V4, TierChangeReasons.ThresholdsChanged), (outcome.To, outcome.Reason));
    }

    [Fact]
    public void V7HasNoNextTier()
    {
        var client = At(Tier.V7, 12_000_000m);

        Assert.Null(client.AmountToNextTier(Table));
    }

    private static ClientTier At(Tier tier, decimal ada)
    {
        var client = ClientTier.Start("c-1", Start);
        client.Recalculate(ada, Table, Start);
        Assert.Equal(tier, client.Tier);
        return client;
    }
}
