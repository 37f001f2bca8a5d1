using Platform.Content.Catalog;
using Platform.Content.Targeting;
using Platform.Content.Templates;

namespace Platform.Content.Selection;

/// <summary>A catalogue item with its templates and segment parsed once per catalogue version, not once per read.</summary>
public sealed record ServableItem(CatalogItem Item, Template Title, Template Body, SegmentExpression? Segment)
{
    public bool IsValidAt(DateTimeOffset now) => (Item.ValidFrom is not { } from || from <= now) && (Item.ValidTo is not { } to || now < to);

    /// <summary>Whether the item's targeting admits <paramref name="client"/>: every non-empty list is a restriction.</summary>
    public bool Targets(ClientView client) =>
        (Item.Tiers.Length == 0 || (client.Tier is { } tier && Item.Tiers.Contains(tier)))
        && (Item.Stages.Length == 0 || (client.Stage is { } stage && Item.Stages.Contains(stage)))
        && Item.Tags.All(client.Tags.Contains)
        && (Item.Segment is null || (Segment is not null && Segment.Matches(client.Tags)));
}
