using System.Diagnostics.Metrics;
using Platform.ServiceDefaults;

namespace Platform.Content.Selection;

/// <summary>How old this replica's catalogue snapshot is (since last confirmed current), and the reads refused because it was too old.</summary>
public sealed class CatalogTelemetry
{
    public const string MeterName = PlatformTelemetry.MeterPrefix + "Content.Catalog";

    private readonly Counter<long> refused;

    public CatalogTelemetry(IMeterFactory meters, TimeProvider time)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("content.catalog.age", () => ConfirmedAt is { } at ? (time.GetUtcNow() - at).TotalSeconds : double.NaN, unit: "s",
            description: "Seconds since this replica last confirmed its catalogue snapshot current; beyond Content:Feed:CatalogStaleAfter it refuses reads.");
        refused = meter.CreateCounter<long>("content.catalog.refused",
            description: "Feed reads and selections refused (UNAVAILABLE) because the catalogue snapshot could not be confirmed current.");
    }

    /// <summary>When the snapshot was last confirmed current (null before the first load).</summary>
    public DateTimeOffset? ConfirmedAt { get; set; }

    public void Refused() => refused.Add(1);
}
