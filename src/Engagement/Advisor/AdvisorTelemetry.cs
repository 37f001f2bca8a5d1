using System.Diagnostics.Metrics;
using Platform.ServiceDefaults;

namespace Platform.Engagement.Advisor;

/// <summary>The advisors' backlog as SREs and the growth team watch it: open tasks past their due time.</summary>
public sealed class AdvisorTelemetry
{
    public const string MeterName = PlatformTelemetry.MeterPrefix + "Engagement.Advisor";

    public AdvisorTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("engagement.advisor_tasks.overdue", () => Overdue ?? double.NaN, unit: "{task}",
            description: "Open advisor tasks past their due time, as last counted (Engagement:Advisor:CountInterval).");
        meter.CreateObservableGauge("engagement.advisor_tasks.open", () => Open ?? double.NaN, unit: "{task}",
            description: "Open advisor tasks, as last counted.");
    }

    /// <summary>Null until the first count.</summary>
    public long? Overdue { get; set; }

    public long? Open { get; set; }
}
