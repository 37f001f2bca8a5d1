using System.Diagnostics.Metrics;
using Platform.ServiceDefaults;

namespace Platform.Engagement.Outreach.Delivery;

/// <summary>The delivery queue as SREs watch it: what went out and what failed per channel, and how old the oldest waiting delivery is.</summary>
public sealed class DeliveryTelemetry
{
    public const string MeterName = PlatformTelemetry.MeterPrefix + "Engagement.Delivery";

    private readonly Counter<long> delivered;
    private readonly Counter<long> failed;
    private readonly Counter<long> retried;

    public DeliveryTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        delivered = meter.CreateCounter<long>("engagement.outreach.delivered", "{message}", "Outreach a channel's adapter took, recorded once per instance.");
        failed = meter.CreateCounter<long>("engagement.outreach.delivery_failed", "{message}",
            "Outreach recorded failed (delivery_failed): refused by the provider, or its attempts exhausted.");
        retried = meter.CreateCounter<long>("engagement.outreach.delivery_retried", "{message}", "Transient delivery failures queued again after a backoff.");
        meter.CreateObservableGauge("engagement.outreach.delivery_queue_age", () => OldestQueuedAge?.TotalSeconds ?? 0, "s",
            "Age of the oldest delivery still queued, as last measured by a delivery round (0: none queued).");
    }

    /// <summary>Null while none is queued.</summary>
    public TimeSpan? OldestQueuedAge { get; set; }

    public void Delivered(string channel) => delivered.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void Failed(string channel) => failed.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void Retried(string channel) => retried.Add(1, new KeyValuePair<string, object?>("channel", channel));
}
