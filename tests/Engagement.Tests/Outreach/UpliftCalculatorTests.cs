using Platform.Engagement.Outreach.Reports;

namespace Platform.Engagement.Tests.Outreach;

/// <summary>The uplift figures against values computed by hand (z(0.975) = 1.959963984540054).</summary>
public sealed class UpliftCalculatorTests
{
    private static readonly MomentGoal Deposit = new(["activity.deposit"], TimeSpan.FromDays(3));

    [Fact]
    public void TheDifferenceAndItsWaldIntervalAreTheHandComputedOnes()
    {
        // p1 = 60/200 = 0.3, p2 = 20/100 = 0.2; se = sqrt(0.3·0.7/200 + 0.2·0.8/100) = sqrt(0.00265) = 0.0514781507.
        var uplift = UpliftCalculator.Compute(Deposit, new UpliftGroup(200, 60), new UpliftGroup(100, 20));

        Assert.Equal(("activity.deposit", TimeSpan.FromDays(3)), (uplift.Goal, uplift.Window));
        Assert.Equal((0.3, 0.2), (uplift.Treated.Rate!.Value, uplift.Holdout.Rate!.Value));
        Assert.Equal(0.1, uplift.Difference!.Value, 12);
        Assert.Equal(-0.0008953213723978, uplift.Ci95![0], 12);
        Assert.Equal(0.2008953213723978, uplift.Ci95[1], 12);
    }

    [Fact]
    public void NobodyOrEverybodyConvertingGivesAnIntervalOfWidthZero()
    {
        var uplift = UpliftCalculator.Compute(Deposit, new UpliftGroup(10, 10), new UpliftGroup(5, 0));

        Assert.Equal(1.0, uplift.Difference);
        Assert.Equal([1.0, 1.0], uplift.Ci95!);
    }

    [Theory]
    [InlineData(0, 0, 5, 1)]
    [InlineData(5, 1, 0, 0)]
    [InlineData(0, 0, 0, 0)]
    public void AnEmptyGroupLeavesTheDifferenceAndIntervalNull(long treated, long treatedConverted, long holdout, long holdoutConverted)
    {
        var uplift = UpliftCalculator.Compute(Deposit, new UpliftGroup(treated, treatedConverted), new UpliftGroup(holdout, holdoutConverted));

        Assert.Null(uplift.Difference);
        Assert.Null(uplift.Ci95);
        Assert.Equal(treated == 0, uplift.Treated.Rate is null);
        Assert.Equal(holdout == 0, uplift.Holdout.Rate is null);
    }

    [Fact]
    public void TheSeededMomentsHaveTheirGoalsAndAnOperatorsRuleHasNone()
    {
        Assert.Equal(Enumerable.Range(1, 17).Select(n => $"M{n:00}"), MomentGoals.All.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new MomentGoal(["activity.deposit"], TimeSpan.FromDays(3)).Description, MomentGoals.For("M04")!.Description);
        Assert.Equal(TimeSpan.FromDays(3), MomentGoals.For("M04")!.Window);
        Assert.Equal(("onboarding.StepRecorded", TimeSpan.FromDays(3)), (MomentGoals.For("M01")!.Description, MomentGoals.For("M01")!.Window));
        Assert.Equal("activity.trade or activity.product_purchase", MomentGoals.For("M08")!.Description);
        Assert.Null(MomentGoals.For("promo-x"));
        Assert.False(MomentGoals.IsGoalEvent("activity.withdrawal"));
    }
}
