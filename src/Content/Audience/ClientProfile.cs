namespace Platform.Content.Audience;

/// <summary>What Content knows of one client to target it. Today: the tags operators set (KYC age band and region, KYI style, horizon, interests).</summary>
public sealed class ClientProfile
{
    public required string ClientId { get; init; }

    /// <summary>Sorted, without duplicates.</summary>
    public string[] OperatorTags { get; set; } = [];

    public DateTimeOffset UpdatedAt { get; set; }
}
