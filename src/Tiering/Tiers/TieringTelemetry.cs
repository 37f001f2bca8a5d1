using System.Diagnostics.Metrics;
using Platform.ServiceDefaults;

namespace Platform.Tiering.Tiers;

/// <summary>Tier changes by direction and reason, how many clients each tier has, and benefit redemptions, for the dashboard.</summary>
public sealed class TieringTelemetry
{
    public const string MeterName = PlatformTelemetry.MeterPrefix + "Tiering";

    private readonly Counter<long> changes;
    private readonly Counter<long> redemptions;
    private readonly Counter<long> pruned;
    private volatile IReadOnlyDictionary<Tier, long> distribution = new Dictionary<Tier, long>();

    public TieringTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        changes = meter.CreateCounter<long>("tiering.tier.changes", description: "Tier changes, by from, to and reason.");
        meter.CreateObservableGauge("tiering.clients", () => distribution.Select(d =>
            new Measurement<long>(d.Value, new KeyValuePair<string, object?>("tier", d.Key.ToString()))),
            description: "Clients per tier, as of the sweep's last idle round (every Tiering:Sweep:PollInterval).");
        redemptions = meter.CreateCounter<long>("tiering.benefit.redemptions",
            description: "Benefit redemption requests, by outcome (redeemed, duplicate, tier_too_low, quota_used, ...).");
        pruned = meter.CreateCounter<long>("tiering.facts.pruned", description: "Asset facts deleted by the retention, by fact (snapshot, flow).");
    }

    public void Pruned(int snapshots, int flows)
    {
        pruned.Add(snapshots, new KeyValuePair<string, object?>("fact", "snapshot"));
        pruned.Add(flows, new KeyValuePair<string, object?>("fact", "flow"));
    }

    public void Redemption(Benefits.RedemptionOutcome outcome) =>
        redemptions.Add(1, new KeyValuePair<string, object?>("outcome", Benefits.WireNames.Of(outcome)));

    /// <summary>The tier distribution the sweep counted; the gauge reports it without querying the database.</summary>
    public void Counted(IReadOnlyDictionary<Tier, long> clientsPerTier) => distribution = clientsPerTier;

    public void Changed(TierChanged change) => changes.Add(1,
        new KeyValuePair<string, object?>("from", change.From.ToString()),
        new KeyValuePair<string, object?>("to", change.To.ToString()),
        new KeyValuePair<string, object?>("reason", change.Reason));
}
