namespace Platform.Gateway.Content;

/// <summary>
/// POST /v1/segments and PUT /v1/segments/{key}. `version` and `updatedAt` of a segment read with GET are
/// ignored (Content keeps no expected version for segments: the last edit wins).
/// </summary>
public sealed class SegmentRequest
{
    /// <summary>Lower-case letters, digits and '-', 2..64; on PUT optional, and then the route's.</summary>
    public string? Key { get; init; }

    /// <summary>Tags with AND, OR, NOT and parentheses, e.g. "style:technical AND horizon:short".</summary>
    public string? Expression { get; init; }
}
