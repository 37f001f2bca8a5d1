using System.Diagnostics.Metrics;
using Platform.ServiceDefaults;

namespace Platform.Tiering.Tiers;

/// <summary>Tier changes by direction and reason, for the dashboard.</summary>
public sealed class TieringTelemetry
{
    public const string MeterName = PlatformTelemetry.MeterPrefix + "Tiering";

    private readonly Counter<long> changes;

    public TieringTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        changes = meter.CreateCounter<long>("tiering.tier.changes", description: "Tier changes, by from, to and reason.");
    }

    public void Changed(TierChanged change) => changes.Add(1,
        new KeyValuePair<string, object?>("from", change.From.ToString()),
        new KeyValuePair<string, object?>("to", change.To.ToString()),
        new KeyValuePair<string, object?>("reason", change.Reason));
}
