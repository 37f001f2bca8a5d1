using Platform.Content.Experiments;

namespace Platform.Content.Tests.Experiments;

public sealed class VariantDrawTests
{
    private static readonly VariantWeight[] FiftyThirtyTwenty = [new("control", 50), new("b", 30), new("c", 20)];

    /// <summary>
    /// Computed once, outside .NET (SHA-256 of UTF-8 "key\nclientId", first 8 bytes big-endian, top 53 bits), and written
    /// here: a change of hash, encoding, separator or cut moves stored-nowhere-yet clients between replicas of two
    /// versions during a rolling upgrade, so it must show as a failing test first.
    /// </summary>
    public static TheoryData<string, string, double, string> Golden() => new()
    {
        { "welcome-copy", "c-1", 0.7157758786598022, "b" },
        { "welcome-copy", "c-2", 0.2737219883824571, "control" },
        { "welcome-copy", "c-3", 0.4555591199014859, "control" },
        { "welcome-copy", "c-4", 0.521822247012898, "b" },
        { "landing", "客户-7", 0.8724393061964637, "c" },
        { "landing", "p-42", 0.2691390352041102, "control" },
    };

    [Theory]
    [MemberData(nameof(Golden))]
    public void TheDrawOfAClientIsTheOneWrittenDownOnceAndForAll(string experimentKey, string clientId, double point, string variant)
    {
        Assert.Equal(point, VariantDraw.Point(experimentKey, clientId), 15);
        Assert.Equal(variant, VariantDraw.Choose(FiftyThirtyTwenty, experimentKey, clientId));
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
