using Microsoft.EntityFrameworkCore;
using Platform.Content.Catalog;
using Platform.Content.Targeting;
using Platform.Content.Templates;
using Platform.ServiceDefaults;

namespace Platform.Content.Selection;

/// <summary>
/// The catalogue product an outreach is about (M10: the one maturing). Engagement names it by item id, never by text: a name
/// is something Content cannot hold to suitability, an item id gives it the product's risk. Read by primary key, so the risk
/// is the stored one and not a snapshot's that another replica's re-rating has not reached yet.
/// </summary>
public sealed record NamedProduct(int Risk, string Title)
{
    public const string Field = "productItemId";

    /// <summary>The product, or null when none is named; INVALID_ARGUMENT naming the field when the id is not a catalogue product.</summary>
    /// <remarks>The id's shape is checked with the request's other fields (<see cref="ShapeError"/>).</remarks>
    public static async Task<NamedProduct?> ReadAsync(ContentDbContext db, string itemId, CancellationToken cancellationToken)
    {
        if (itemId.Length == 0)
        {
            return null;
        }

        var stored = await db.Items.AsNoTracking().Where(i => i.ItemId == itemId)
            .Select(i => new { i.Kind, i.Risk, i.Title }).FirstOrDefaultAsync(cancellationToken)
            ?? throw GrpcFieldErrors.InvalidArgument(Field, "is not a catalogue item");
        return stored is { Kind: ContentKind.Product, Risk: { } risk }
            ? new NamedProduct(risk, stored.Title)
            : throw GrpcFieldErrors.InvalidArgument(Field, "is not a product (kind product)");
    }

    /// <summary>Why <paramref name="itemId"/> cannot be an item id; null when it can (or is empty: no product).</summary>
    public static string? ShapeError(string itemId) => itemId.Length == 0 || Keys.IsKey(itemId) ? null : "is not an item id: " + Keys.Rule;

    /// <summary>Whether the client may hold the product at all: a message naming it is refused otherwise, as a feed would refuse it.</summary>
    public bool Suits(ClientView client) => Suitability.Allows(Risk, client.Tolerance);

    /// <summary>{{productName}}: the product's title, rendered with the client's own values; null when it cannot be (a value the client lacks).</summary>
    public string? NameFor(ClientView client) => Template.Parse(Title).Render(client.Values);
}
