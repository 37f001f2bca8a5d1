namespace Platform.Gateway.Content;

/// <summary>An item as API.md writes it, plus the added fields moments, channels, labels and updatedAt.</summary>
internal sealed record ContentItemResponse(
    string ItemId, string Kind, string Title, string Body, string? Risk, ContentTargetingResponse Targeting, DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidTo, int Priority, int Version, IReadOnlyList<string> Moments, IReadOnlyList<string> Channels, IReadOnlyList<string> Labels,
    DateTimeOffset UpdatedAt);
