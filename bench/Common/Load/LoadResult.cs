namespace Platform.Bench.Common.Load;

/// <summary>
/// One load phase. Throughput and latencies cover the measured window only (responses completed
/// inside it); <see cref="Succeeded"/> counts every success of the phase, warm-up and the requests
/// still in flight at the end included (for a command, each of those changed something).
/// </summary>
public sealed record LoadResult(
    string Name,
    LoadSettings Settings,
    long Ok,
    long Failed,
    LatencyHistogram Latency,
    IReadOnlyDictionary<string, long> Outcomes,
    long Sent,
    long Succeeded,
    DateTimeOffset EndedAt)
{
    public double OkPerSecond => Ok / Settings.Duration.TotalSeconds;

    public double P50 => Latency.PercentileMilliseconds(0.50);

    public double P99 => Latency.PercentileMilliseconds(0.99);

    public double MaxMilliseconds => Latency.MaxMicroseconds / 1000.0;
}
