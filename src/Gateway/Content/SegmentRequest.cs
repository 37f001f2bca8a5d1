namespace Platform.Gateway.Content;

/// <summary>
/// POST /v1/segments and PUT /v1/segments/{key}. `updatedAt` of a segment read with GET is ignored; `version` is
/// the expected version of a PUT, as an item's.
/// </summary>
public sealed class SegmentRequest
{
    /// <summary>Lower-case letters, digits and '-', 2..64; on PUT optional, and then the route's.</summary>
    public string? Key { get; init; }

    /// <summary>Tags with AND, OR, NOT and parentheses, e.g. "style:technical AND horizon:short".</summary>
    public string? Expression { get; init; }

    /// <summary>PUT: the expected current version (a stale one is a 409); absent: replace whatever is current. Ignored on POST.</summary>
    public int? Version { get; init; }
}
