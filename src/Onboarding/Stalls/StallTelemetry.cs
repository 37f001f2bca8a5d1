using System.Diagnostics.Metrics;
using Platform.Onboarding.Funnel;

namespace Platform.Onboarding.Stalls;

public sealed class StallTelemetry
{
    private readonly Counter<long> stalls;
    private readonly Counter<long> dormant;

    public StallTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(FunnelTelemetry.MeterName);
        stalls = meter.CreateCounter<long>("onboarding.stalls", "{stall}", "Prospects stalled, by level and step.");
        dormant = meter.CreateCounter<long>("onboarding.dormant", "{account}", "Approved accounts without a first deposit in the dormant window.");
    }

    public void Stalled(int level, FunnelStep step) =>
        stalls.Add(1, new KeyValuePair<string, object?>("level", level), new KeyValuePair<string, object?>("step", step.ToWireName()));

    public void Dormant() => dormant.Add(1);
}
