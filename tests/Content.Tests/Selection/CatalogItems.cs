using Platform.Content.Catalog;

namespace Platform.Content.Tests.Selection;

/// <summary>Catalogue items for pure tests, made through the same checks an operator's item goes through.</summary>
internal static class CatalogItems
{
    public static readonly DateTimeOffset SavedAt = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public static CatalogItem Item(
        string itemId, string kind = "insight", string? risk = null, int priority = 50, string title = "Title", string body = "Body",
        string[]? tiers = null, string[]? stages = null, string[]? tags = null, string? segment = null,
        DateTimeOffset? validFrom = null, DateTimeOffset? validTo = null, string[]? moments = null, string[]? channels = null, string[]? labels = null)
    {
        var (spec, errors) = ItemSpec.Parse(new ItemDraft(itemId, kind, title, body, risk, tiers ?? [], stages ?? [], tags ?? [], segment,
            validFrom, validTo, priority, moments ?? [], channels ?? [], labels ?? []));
        Assert.Empty(errors);
        return CatalogItem.Create(spec!, SavedAt);
    }

    public static CatalogItem Product(string itemId, int risk, int priority = 50) => Item(itemId, "product", $"R{risk}", priority);
}
