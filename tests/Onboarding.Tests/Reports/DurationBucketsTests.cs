using Platform.Onboarding.Reports;

namespace Platform.Onboarding.Tests.Reports;

public sealed class DurationBucketsTests
{
    [Theory]
    [InlineData(0.001)]
    [InlineData(0.75)]
    [InlineData(1)]
    [InlineData(59.9)]
    [InlineData(61)]
    [InlineData(3_600)]
    [InlineData(86_399)]
    [InlineData(7 * 86_400 + 17)]
    [InlineData(400 * 86_400)]
    public void ABucketStandsForAnyDurationInItWithinTheStatedRelativeError(double seconds)
    {
        foreach (var value in new[] { seconds, -seconds })
        {
            var represented = DurationBuckets.SecondsOf(DurationBuckets.Of(value));

            // The bound is reached at a bucket's lower edge; allow for rounding there.
            Assert.InRange(Math.Abs(represented - value), 0, Math.Abs(value) * DurationBuckets.RelativeError * (1 + 1e-9));
        }
    }

    [Fact]
    public void TheErrorBoundIsAboutTwoPercent() => Assert.InRange(DurationBuckets.RelativeError, 0.021, 0.022);

    [Fact]
    public void BucketsFollowTheOrderOfDurations()
    {
        double[] durations = [-86_400, -60, -1, 0, 0.0004, 0.002, 1, 1.03, 60, 61, 86_400];

        var buckets = durations.Select(DurationBuckets.Of).ToArray();

        Assert.Equal(buckets.Order(), buckets);
        Assert.Equal(0, DurationBuckets.Of(0.0004));
        Assert.Equal(0, DurationBuckets.SecondsOf(0));
    }

    [Fact]
    public void TheMedianOfAnOddCountIsTheMiddleDuration()
    {
        var median = DurationBuckets.Median(Histogram(10, 20, 30, 40, 5_000));

        Assert.InRange(median!.Value, 30 * (1 - DurationBuckets.RelativeError), 30 * (1 + DurationBuckets.RelativeError));
    }

    [Fact]
    public void TheMedianOfAnEvenCountIsBetweenTheTwoMiddleDurations()
    {
        var median = DurationBuckets.Median(Histogram(10, 20, 40, 5_000));

        Assert.InRange(median!.Value, 30 * (1 - DurationBuckets.RelativeError), 30 * (1 + DurationBuckets.RelativeError));
    }

    [Fact]
    public void EmptyAndCancelledOutBucketsHaveNoMedian()
    {
        Assert.Null(DurationBuckets.Median([]));
        Assert.Null(DurationBuckets.Median([KeyValuePair.Create(DurationBuckets.Of(60), 0L)]));
    }

    private static IEnumerable<KeyValuePair<short, long>> Histogram(params double[] seconds) =>
        seconds.GroupBy(DurationBuckets.Of).Select(g => KeyValuePair.Create(g.Key, (long)g.Count()));
}
