using Microsoft.EntityFrameworkCore;
using Platform.Content.Catalog;
using Platform.Content.Targeting;
using Platform.ServiceDefaults;

namespace Platform.Content.Selection;

/// <summary>
/// The catalogue product an outreach is about (M10: the one maturing). Engagement names it by item id, never by text: a name
/// is something Content cannot hold to suitability, an item id gives it the product's risk. Read by primary key, with its
/// segment, so its risk, validity and targeting are the stored ones and not a snapshot's that another replica's edit (a
/// re-rating, a fund suspended by setting its validTo) has not reached yet.
/// </summary>
/// <param name="Servable">Null when its stored title or body no longer parses: such an item is served nowhere, so it is not named either.</param>
public sealed record NamedProduct(CatalogItem Item, ServableItem? Servable)
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

        var item = await db.Items.AsNoTracking().FirstOrDefaultAsync(i => i.ItemId == itemId, cancellationToken)
            ?? throw GrpcFieldErrors.InvalidArgument(Field, "is not a catalogue item");
        if (item.Kind != ContentKind.Product)
        {
            throw GrpcFieldErrors.InvalidArgument(Field, "is not a product (kind product)");
        }

        // A segment that no longer exists or parses matches nobody, as in the snapshot.
        var segment = item.Segment is { } key
            ? await db.Segments.AsNoTracking().Where(s => s.Key == key).Select(s => s.Expression).FirstOrDefaultAsync(cancellationToken)
            : null;
        return new NamedProduct(item, ServableItem.TryCreate(item, segment is null ? null : ServableItem.TryParseSegment(segment)));
    }

    /// <summary>Why <paramref name="itemId"/> cannot be an item id; null when it can (or is empty: no product).</summary>
    public static string? ShapeError(string itemId) => itemId.Length == 0 || Keys.IsKey(itemId) ? null : "is not an item id: " + Keys.Rule;

    /// <summary>
    /// Why words may not name the product to this client now, or null when they may: the checks a feed applies to the same
    /// item as a candidate, in the feed's order. <see cref="SelectionGrpcService.Unsuitable"/> when the client may not hold
    /// it; <see cref="SelectionGrpcService.NoContent"/> when it is not valid now, not targeted at the client, an arm of a
    /// running experiment the client is not assigned (a name never draws a variant: the client was shown no arm), a hidden
    /// arm of a stopped one, or its title needs a value the client lacks.
    /// </summary>
    public string? Refusal(ClientView client, DateTimeOffset now, IExperimentGate experiments) =>
        !Suitability.Allows(Item.Risk, client.Tolerance) ? SelectionGrpcService.Unsuitable
        : Servable is null || !Servable.IsValidAt(now) || !Servable.Targets(client) || experiments.Check(Item.ItemId) is (false, _)
            || NameFor(client) is null ? SelectionGrpcService.NoContent
        : null;

    /// <summary>{{productName}}: the product's title, rendered with the client's own values; null when it cannot be (a value the client lacks).</summary>
    public string? NameFor(ClientView client) => Servable?.Title.Render(client.Values);
}
