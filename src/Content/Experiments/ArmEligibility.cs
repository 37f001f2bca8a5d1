using Platform.Content.Catalog;
using Platform.Content.Templates;

namespace Platform.Content.Experiments;

/// <summary>
/// Arms of a running experiment must reach the same clients in the same places, or exposures skew before any copy is
/// compared: an R4 arm never reaches the C2/C3 clients assigned to it, a lower priority falls below the feed's limit, a
/// placeholder the other arm lacks does not render for clients without that fact. So every field the selection looks
/// at before the experiment gate must be equal across arms, and the title's placeholders and the body's each as a set;
/// only the words (and where placeholders sit within the title or within the body) may differ.
/// </summary>
public static class ArmEligibility
{
    /// <summary>The first field (the item's wire name) in which <paramref name="item"/> reaches other clients than <paramref name="other"/>; null when none.</summary>
    public static string? FirstDifference(CatalogItem item, CatalogItem other)
    {
        (string Field, bool Same)[] fields =
        [
            ("kind", item.Kind == other.Kind),
            ("risk", item.Risk == other.Risk),
            ("targeting.tiers", SameSet(item.Tiers, other.Tiers)),
            ("targeting.stages", SameSet(item.Stages, other.Stages)),
            ("targeting.tags", SameSet(item.Tags, other.Tags)),
            ("targeting.segment", item.Segment == other.Segment),
            ("validFrom", item.ValidFrom == other.ValidFrom),
            ("validTo", item.ValidTo == other.ValidTo),
            ("priority", item.Priority == other.Priority),
            ("moments", SameSet(item.Moments, other.Moments)),
            ("channels", SameSet(item.Channels, other.Channels)),
            ("labels", SameSet(item.Labels, other.Labels)),
            // Each text on its own: a placeholder moved from the body to the title is a difference too, named where it is.
            ("title", SameSet(Placeholders(item.Title), Placeholders(other.Title))),
            ("body", SameSet(Placeholders(item.Body), Placeholders(other.Body))),
        ];
        return fields.FirstOrDefault(f => !f.Same).Field;
    }

    /// <summary>The refusal for an arm, in words an operator can act on.</summary>
    public static string Explain(string field, string itemId, string otherItemId) =>
        $"'{itemId}' differs from '{otherItemId}' in {(field is "title" or "body" ? $"the placeholders of its {field}" : field)}: the arms of a running "
        + "experiment must reach the same clients (kind, risk, targeting, validity, priority, moments, channels, labels and placeholders alike), "
        + "or exposures skew and the rates compare different people";

    private static bool SameSet(IEnumerable<string> a, IEnumerable<string> b) => a.ToHashSet(StringComparer.Ordinal).SetEquals(b);

    // Saved templates parsed when saved; one that no longer parses is never served, whatever its placeholders.
    private static IEnumerable<string> Placeholders(string template)
    {
        try
        {
            return Template.Parse(template).PlaceholderNames;
        }
        catch (TemplateException)
        {
            return [];
        }
    }
}
