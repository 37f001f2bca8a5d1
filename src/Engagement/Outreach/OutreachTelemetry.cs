using System.Diagnostics.Metrics;
using Platform.ServiceDefaults;

namespace Platform.Engagement.Outreach;

/// <summary>Moments fired (new instances), duplicate triggers (an instance that existed), decisions by outcome, and decisions lost with their lease.</summary>
public sealed class OutreachTelemetry
{
    public const string MeterName = PlatformTelemetry.MeterPrefix + "Engagement.Outreach";

    private readonly Counter<long> fired;
    private readonly Counter<long> duplicates;
    private readonly Counter<long> decided;
    private readonly Counter<long> leaseLost;

    public OutreachTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        fired = meter.CreateCounter<long>("engagement.moments.fired", "{instance}", "Moment instances created (one per instance key).");
        duplicates = meter.CreateCounter<long>("engagement.moments.duplicates", "{trigger}",
            "Triggers whose instance existed already (replays, a second deposit, another replica): no new instance, no outreach.");
        decided = meter.CreateCounter<long>("engagement.outreach.decided", "{decision}", "Decisions taken, by decision and reason.");
        leaseLost = meter.CreateCounter<long>("engagement.outreach.lease_lost", "{decision}",
            "Decisions a round made but did not record: the lease had ended and another replica had claimed the instance (it decides it).");
    }

    public void Fired(int created, int duplicate)
    {
        if (created > 0)
        {
            fired.Add(created);
        }

        if (duplicate > 0)
        {
            duplicates.Add(duplicate);
        }
    }

    public void LeaseLost(int decisions)
    {
        if (decisions > 0)
        {
            leaseLost.Add(decisions);
        }
    }

    public void Decided(string decision, string? reason) =>
        decided.Add(1, new KeyValuePair<string, object?>("decision", decision), new KeyValuePair<string, object?>("reason", reason ?? "none"));
}
