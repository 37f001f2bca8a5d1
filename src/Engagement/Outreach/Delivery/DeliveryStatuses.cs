namespace Platform.Engagement.Outreach.Delivery;

/// <summary>Where a queued delivery stands: queued until the channel took it (delivered) or it cannot (failed).</summary>
public static class DeliveryStatuses
{
    public const string Queued = "queued";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}
