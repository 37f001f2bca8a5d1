namespace Platform.Onboarding.Reports;

/// <summary>
/// Log-spaced buckets for the time between steps, so that a median comes from summed counts of a
/// bounded number of buckets instead of from raw durations. Bucket k &gt; 0 holds durations in
/// [2^((k-1)/16), 2^(k/16)) milliseconds and stands for its geometric midpoint, which is within
/// 2^(1/32) - 1 (2.19%) of any duration in it. Bucket 0 holds durations under 1 ms (stands for 0);
/// negative durations (a device clock behind) use the mirrored buckets -k. A century is bucket 665.
/// </summary>
public static class DurationBuckets
{
    public const int PerDoubling = 16;

    /// <summary>The largest relative error of a bucket's representative for durations of 1 ms or more.</summary>
    public static readonly double RelativeError = Math.Pow(2, 0.5 / PerDoubling) - 1;

    public static short Of(double seconds)
    {
        var milliseconds = Math.Abs(seconds) * 1000;
        if (!(milliseconds >= 1))
        {
            return 0;
        }

        var bucket = (short)Math.Min(short.MaxValue, Math.Floor(PerDoubling * Math.Log2(milliseconds)) + 1);
        return seconds < 0 ? (short)-bucket : bucket;
    }

    public static double SecondsOf(short bucket) =>
        bucket == 0 ? 0 : Math.Sign(bucket) * Math.Pow(2, (Math.Abs(bucket) - 0.5) / PerDoubling) / 1000;

    /// <summary>The median of a histogram (bucket, count); null when it is empty.</summary>
    public static double? Median(IEnumerable<KeyValuePair<short, long>> histogram)
    {
        var sorted = histogram.Where(b => b.Value > 0).OrderBy(b => b.Key).ToArray();
        var total = sorted.Sum(b => b.Value);
        if (total == 0)
        {
            return null;
        }

        return (SecondsAtRank(sorted, (total - 1) / 2) + SecondsAtRank(sorted, total / 2)) / 2;
    }

    private static double SecondsAtRank(KeyValuePair<short, long>[] sorted, long rank)
    {
        foreach (var (bucket, count) in sorted)
        {
            if (rank < count)
            {
                return SecondsOf(bucket);
            }

            rank -= count;
        }

        throw new ArgumentOutOfRangeException(nameof(rank));
    }
}
