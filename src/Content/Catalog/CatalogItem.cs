namespace Platform.Content.Catalog;

/// <summary>
/// The current version of an item. Every edit replaces the whole item, bumps <see cref="Version"/>
/// and appends the new version to <see cref="CatalogItemVersion"/>, so what a client was shown
/// last month can still be read after the words changed.
/// </summary>
public sealed class CatalogItem
{
    private CatalogItem()
    {
    }

    public required string ItemId { get; init; }

    public ContentKind Kind { get; private set; }

    public string Title { get; private set; } = "";

    public string Body { get; private set; } = "";

    /// <summary>R1..R5 as its number: always on a product, optional on the other kinds; suitability applies wherever it is set.</summary>
    public int? Risk { get; private set; }

    public string[] Tiers { get; private set; } = [];

    public string[] Stages { get; private set; } = [];

    public string[] Tags { get; private set; } = [];

    public string? Segment { get; private set; }

    public DateTimeOffset? ValidFrom { get; private set; }

    public DateTimeOffset? ValidTo { get; private set; }

    public int Priority { get; private set; }

    public string[] Moments { get; private set; } = [];

    public string[] Channels { get; private set; } = [];

    public string[] Labels { get; private set; } = [];

    public int Version { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public ItemTargeting Targeting => new(Tiers, Stages, Tags, Segment);

    public static CatalogItem Create(ItemSpec spec, DateTimeOffset at)
    {
        var item = new CatalogItem { ItemId = spec.ItemId };
        item.Apply(spec, at);
        return item;
    }

    /// <summary>Replaces the whole item (PUT) as its next version.</summary>
    public void Update(ItemSpec spec, DateTimeOffset at) => Apply(spec, at);

    private void Apply(ItemSpec spec, DateTimeOffset at)
    {
        (Kind, Title, Body, Risk, Priority) = (spec.Kind, spec.Title, spec.Body, spec.Risk, spec.Priority);
        (Tiers, Stages, Tags, Segment) = ([.. spec.Targeting.Tiers], [.. spec.Targeting.Stages], [.. spec.Targeting.Tags], spec.Targeting.Segment);
        (ValidFrom, ValidTo) = (spec.ValidFrom, spec.ValidTo);
        (Moments, Channels, Labels) = ([.. spec.Moments], [.. spec.Channels], [.. spec.Labels]);
        Version++;
        UpdatedAt = at;
    }
}
