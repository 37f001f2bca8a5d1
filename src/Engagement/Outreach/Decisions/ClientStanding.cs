namespace Platform.Engagement.Outreach.Decisions;

/// <summary>What the pipeline needs of a client besides its instances: whether it was erased, and its tier (0..7) if known.</summary>
public sealed record ClientStanding(bool Erased, int? TierLevel)
{
    public static ClientStanding Unknown { get; } = new(false, null);
}
