namespace Platform.Content.Catalog;

/// <summary>Who an item is for. Every list is a restriction only when it is not empty; tags must all be carried.</summary>
public sealed record ItemTargeting(IReadOnlyList<string> Tiers, IReadOnlyList<string> Stages, IReadOnlyList<string> Tags, string? Segment);
