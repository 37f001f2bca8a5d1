using System.Diagnostics.Metrics;
using Platform.Onboarding.Funnel;

namespace Platform.Onboarding.Reports;

/// <summary>How long funnel report queries take, tagged by grouping.</summary>
public sealed class ReportsTelemetry
{
    private readonly Histogram<double> duration;

    public ReportsTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(FunnelTelemetry.MeterName);
        duration = meter.CreateHistogram("onboarding.report.duration", "s", "Time to answer one funnel report query.",
            advice: new InstrumentAdvice<double>
            {
                HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
            });
    }

    public void Queried(ReportGrouping by, TimeSpan elapsed) =>
        duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("by", by.ToWireName()));
}
