namespace Platform.Engagement.Channels;

/// <summary>
/// How a send ended. A failure names its reason (recorded in the audit) and says whether trying again later may
/// succeed (a timeout, a 5xx) or not (a 4xx: the provider refused this message).
/// </summary>
public sealed record DeliveryResult(bool Delivered, string? Reason, bool Transient)
{
    public static DeliveryResult Success { get; } = new(true, null, false);

    public static DeliveryResult Failed(string reason, bool transient) => new(false, reason, transient);
}
