namespace Platform.Content.Catalog;

/// <summary>An item's fields as they arrived, before any check.</summary>
public sealed record ItemDraft(
    string ItemId,
    string Kind,
    string Title,
    string Body,
    string? Risk,
    IReadOnlyList<string> Tiers,
    IReadOnlyList<string> Stages,
    IReadOnlyList<string> Tags,
    string? Segment,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidTo,
    int Priority,
    IReadOnlyList<string> Moments,
    IReadOnlyList<string> Channels,
    IReadOnlyList<string> Labels);
