using Platform.Content.Experiments;

namespace Platform.Content.Tests.Experiments;

public sealed class VariantDrawTests
{
    private static readonly VariantWeight[] FiftyThirtyTwenty = [new("control", 50), new("b", 30), new("c", 20)];

    [Fact]
    public void TheSameClientAlwaysDrawsTheSameVariant()
    {
        for (var i = 0; i < 1000; i++)
        {
            var client = $"c-{i}";
            Assert.Equal(VariantDraw.Choose(FiftyThirtyTwenty, "welcome-copy", client), VariantDraw.Choose(FiftyThirtyTwenty, "welcome-copy", client));
        }
    }

    [Fact]
    public void TheDrawFollowsTheWeightsWithinAChiSquareBound()
    {
        const int clients = 30_000;
        var counts = Enumerable.Range(0, clients)
            .Select(i => VariantDraw.Choose(FiftyThirtyTwenty, "balance", $"client-{i}"))
            .CountBy(v => v)
            .ToDictionary();
        var observed = FiftyThirtyTwenty.Select(v => new VariantCounts(v.Name, v.Weight, counts.GetValueOrDefault(v.Name), 0)).ToList();

        // The same check an analyst's dashboard runs: a fair draw passes the SRM test at 0.001.
        Assert.False(ExperimentStatistics.Compute(observed).SampleRatioMismatch.Detected);
    }

    [Fact]
    public void ExperimentsDrawIndependently()
    {
        // Clients in b of one experiment must not all be in b of another, or two tests would confound.
        var both = Enumerable.Range(0, 10_000).Count(i =>
            VariantDraw.Choose([new("a", 50), new("b", 50)], "one", $"c-{i}") == "b" &&
            VariantDraw.Choose([new("a", 50), new("b", 50)], "two", $"c-{i}") == "b");
        Assert.InRange(both, 2_300, 2_700);
    }

    [Fact]
    public void AVariantOfWeightZeroIsNeverDrawn() =>
        Assert.DoesNotContain(
            Enumerable.Range(0, 5000).Select(i => VariantDraw.Choose([new("a", 0), new("b", 1)], "zero", $"c-{i}")),
            v => v == "a");

    [Fact]
    public void AllWeightsZeroIsRefused() =>
        Assert.Throws<ArgumentException>(() => VariantDraw.Choose([new("a", 0)], "x", "c-1"));
}
