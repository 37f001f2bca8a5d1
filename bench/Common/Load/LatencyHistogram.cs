using System.Diagnostics;
using System.Numerics;

namespace Platform.Bench.Common.Load;

/// <summary>
/// Every latency, kept in HdrHistogram-style buckets of microseconds: exact below 2,048 µs, then
/// 1,024 buckets per power of two (under 0.1% error), up to 2^31 µs (~36 min). Fixed size and
/// allocation-free on the hot path; one per worker, merged at the end, so there is no contention.
/// </summary>
public sealed class LatencyHistogram
{
    private const int ExactBelow = 2048;
    private const int SubBuckets = 1024;
    private const int MaxPower = 31;
    private readonly long[] counts = new long[ExactBelow + (MaxPower - 11 + 1) * SubBuckets];

    public long Count { get; private set; }

    public long MaxMicroseconds { get; private set; }

    public void RecordTicks(long stopwatchTicks)
    {
        var microseconds = Math.Max(0, stopwatchTicks * 1_000_000 / Stopwatch.Frequency);
        microseconds = Math.Min(microseconds, (1L << (MaxPower + 1)) - 1);
        counts[IndexOf(microseconds)]++;
        Count++;
        MaxMicroseconds = Math.Max(MaxMicroseconds, microseconds);
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] += other.counts[i];
        }

        Count += other.Count;
        MaxMicroseconds = Math.Max(MaxMicroseconds, other.MaxMicroseconds);
    }

    /// <summary>The latency at <paramref name="quantile"/> (0.5 = p50), in milliseconds; the bucket's upper end, so never optimistic.</summary>
    public double PercentileMilliseconds(double quantile)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(quantile * Count));
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                return Math.Min(UpperMicroseconds(i), MaxMicroseconds) / 1000.0;
            }
        }

        return MaxMicroseconds / 1000.0;
    }

    private static int IndexOf(long microseconds)
    {
        if (microseconds < ExactBelow)
        {
            return (int)microseconds;
        }

        var power = 63 - BitOperations.LeadingZeroCount((ulong)microseconds);   // 11 and up
        var shift = power - 10;                                                  // keep the top 11 bits: 1024..2047
        return ExactBelow + (power - 11) * SubBuckets + (int)((microseconds >> shift) - SubBuckets);
    }

    private static long UpperMicroseconds(int index)
    {
        if (index < ExactBelow)
        {
            return index;
        }

        var power = (index - ExactBelow) / SubBuckets + 11;
        var shift = power - 10;
        var top = (index - ExactBelow) % SubBuckets + SubBuckets;
        return ((long)(top + 1) << shift) - 1;
    }
}
