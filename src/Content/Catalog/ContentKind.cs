namespace Platform.Content.Catalog;

/// <summary>The brokerage's six kinds of content (DOMAIN.md section 4). Only a product carries a risk level.</summary>
public enum ContentKind
{
    Product,
    Insight,
    Feature,
    Service,
    Campaign,
    Benefit,
}
