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

    /// <summary>Saved templates parsed when saved; one that no longer parses (a placeholder withdrawn since) is never served.</summary>
    public static ServableItem? TryCreate(CatalogItem item, SegmentExpression? segment)
    {
        try
        {
            return new ServableItem(item, Template.Parse(item.Title), Template.Parse(item.Body), segment);
        }
        catch (TemplateException)
        {
            return null;
        }
    }

    /// <summary>A saved segment's expression, parsed; null when it no longer parses (a vocabulary change): it then matches nobody.</summary>
    public static SegmentExpression? TryParseSegment(string expression)
    {
        try
        {
            return SegmentExpression.Parse(expression);
        }
        catch (SegmentSyntaxException)
        {
            return null;
        }
    }
}
