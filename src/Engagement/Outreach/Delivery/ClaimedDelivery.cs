namespace Platform.Engagement.Outreach.Delivery;

/// <summary>A delivery a worker has leased, with its instance's words and decision (a claim's row; the query aliases the columns to these names).</summary>
public sealed class ClaimedDelivery
{
    public Guid MessageId { get; init; }

    public required string InstanceKey { get; init; }

    public required string ClientId { get; init; }

    public required string Channel { get; init; }

    /// <summary>Attempts including this one.</summary>
    public int Attempts { get; init; }

    /// <summary>The instance's decision now: anything but sent (erased since, say) is not sent out.</summary>
    public required string Decision { get; init; }

    /// <summary>The instance's moment (null when the instance is gone): what the logs may name.</summary>
    public string? Moment { get; init; }

    public string? ItemId { get; init; }

    public string? Title { get; init; }

    public string? Body { get; init; }

    /// <summary>When the instance fired (null when it is gone): its goal counts only after it.</summary>
    public DateTimeOffset? FiredAt { get; init; }

    /// <summary>The row's note as claimed: <see cref="DeliveryWorker.HeldByQuietHours"/> when quiet hours held it.</summary>
    public string? LastError { get; init; }
}
