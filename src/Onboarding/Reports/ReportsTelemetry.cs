using System.Diagnostics.Metrics;
using Platform.Onboarding.Funnel;

namespace Platform.Onboarding.Reports;

/// <summary>How long funnel report queries take, tagged by grouping, and how far the aggregates lag the steps.</summary>
public sealed class ReportsTelemetry
{
    private readonly Histogram<double> duration;
    private readonly Histogram<double> lag;
    private readonly Counter<long> increments;

    public ReportsTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(FunnelTelemetry.MeterName);
        duration = meter.CreateHistogram("onboarding.report.duration", "s", "Time to answer one funnel report query.",
            advice: new InstrumentAdvice<double>
            {
                HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
            });
        lag = meter.CreateHistogram("onboarding.report.lag", "s",
            "Age of the oldest step batch when its increments reached the report's aggregates: how stale the report can be.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60] });
        increments = meter.CreateCounter<long>("onboarding.report.increments", description: "Step batches' report increments applied to the aggregates.");
    }

    public void Projected(int count, TimeSpan oldest)
    {
        increments.Add(count);
        lag.Record(Math.Max(0, oldest.TotalSeconds));
    }

    public void Queried(ReportGrouping by, TimeSpan elapsed) =>
        duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("by", by.ToWireName()));
}
