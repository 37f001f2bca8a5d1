namespace Platform.Gateway.Content;

/// <summary>Who an item is for; an empty or absent list restricts nothing.</summary>
public sealed class ContentTargetingRequest
{
    /// <summary>V0..V7.</summary>
    public IReadOnlyList<string>? Tiers { get; init; }

    /// <summary>S1..S6.</summary>
    public IReadOnlyList<string>? Stages { get; init; }

    /// <summary>namespace:value; the client must carry every one.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>A segment key the client must match; null: none.</summary>
    public string? Segment { get; init; }
}
