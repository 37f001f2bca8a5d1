namespace Platform.Content.Catalog;

/// <summary>One version of an item as it was saved, kept for good (the wire form, so history reads back exactly).</summary>
public sealed class CatalogItemVersion
{
    public required string ItemId { get; init; }

    public int Version { get; init; }

    /// <summary>The item as the API returns it, in JSON.</summary>
    public required string Definition { get; init; }

    public DateTimeOffset SavedAt { get; init; }
}
