using System.Diagnostics.Metrics;

namespace Platform.Onboarding.Funnel;

/// <summary>Business metrics of the funnel; tags are step names, never client data.</summary>
public sealed class FunnelTelemetry
{
    public const string MeterName = "Platform.Onboarding";

    private readonly Counter<long> recorded;
    private readonly Counter<long> duplicates;

    public FunnelTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        recorded = meter.CreateCounter<long>("onboarding.steps.recorded", "{step}", "Step events that moved a client's progress.");
        duplicates = meter.CreateCounter<long>("onboarding.steps.duplicates", "{step}", "Step events ignored: replayed event id or step already reached.");
    }

    public void Recorded(FunnelStep step, bool changed)
    {
        if (changed)
        {
            recorded.Add(1, new KeyValuePair<string, object?>("step", step.ToWireName()));
        }
        else
        {
            duplicates.Add(1, new KeyValuePair<string, object?>("step", step.ToWireName()));
        }
    }

    public void Duplicate() => duplicates.Add(1, new KeyValuePair<string, object?>("step", "replayed_event"));
}
