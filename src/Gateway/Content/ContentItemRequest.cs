using System.Text.Json.Serialization;
using Platform.Gateway.Json;

namespace Platform.Gateway.Content;

/// <summary>
/// POST /v1/content/items and PUT /v1/content/items/{itemId}: the whole item (API.md, Content). On PUT,
/// `version` is the version the operator read: when another edit came first the PUT is a 409 and changes
/// nothing. `updatedAt` of an item read with GET is ignored, so an item can be sent back as it was read.
/// </summary>
public sealed class ContentItemRequest
{
    /// <summary>Lower-case letters, digits and '-', 2..64; on PUT optional, and then the route's.</summary>
    public string? ItemId { get; init; }

    /// <summary>product | insight | feature | service | campaign | benefit.</summary>
    public string? Kind { get; init; }

    /// <summary>A template: {{placeholder}}s of the documented non-PII list only.</summary>
    public string? Title { get; init; }

    public string? Body { get; init; }

    /// <summary>R1..R5, required for kind product; optional on every other kind (suitability applies to any item that carries one).</summary>
    public string? Risk { get; init; }

    /// <summary>Absent: no restriction.</summary>
    public ContentTargetingRequest? Targeting { get; init; }

    [JsonConverter(typeof(OffsetDateTimeConverter))]
    public DateTimeOffset? ValidFrom { get; init; }

    [JsonConverter(typeof(OffsetDateTimeConverter))]
    public DateTimeOffset? ValidTo { get; init; }

    /// <summary>0..100, higher first; absent: 50.</summary>
    public int? Priority { get; init; }

    /// <summary>PUT: the expected current version (a stale one is a 409); absent: replace whatever is current. Ignored on POST.</summary>
    public int? Version { get; init; }

    /// <summary>The item is the words of these moments' outreach (M01..M17 or a rule key) and stays out of feeds.</summary>
    public IReadOnlyList<string>? Moments { get; init; }

    /// <summary>Channels the words are written for (inbox, push, sms, wecom, livestream); empty: any.</summary>
    public IReadOnlyList<string>? Channels { get; init; }

    /// <summary>What the item is about, for rules to select (lower-case slugs, e.g. funding-guide).</summary>
    public IReadOnlyList<string>? Labels { get; init; }
}
