using Platform.ServiceDefaults.Validation;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Platform.Content.Grpc;
using Platform.Content.Targeting;

namespace Platform.Content.Catalog;

/// <summary>Between the gRPC item and the catalogue's types.</summary>
internal static class ItemWire
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    /// <summary>The draft, or null with the times' errors in <paramref name="errors"/>.</summary>
    public static ItemDraft? ToDraft(ContentItem item, FieldErrors errors)
    {
        var (validFrom, validTo) = (WireTime.Of(item.ValidFrom, "validFrom", errors), WireTime.Of(item.ValidTo, "validTo", errors));
        return errors.Count > 0 ? null : new(
            item.ItemId, item.Kind, item.Title, item.Body, item.Risk,
            item.Targeting?.Tiers ?? [], item.Targeting?.Stages ?? [], item.Targeting?.Tags ?? [], item.Targeting?.Segment,
            validFrom, validTo, item.Priority, item.Moments, item.Channels, item.Labels);
    }

    public static ContentItem ToGrpc(CatalogItem item)
    {
        var wire = new ContentItem
        {
            ItemId = item.ItemId,
            Kind = ContentKinds.Wire(item.Kind),
            Title = item.Title,
            Body = item.Body,
            Risk = item.Risk is { } risk ? RiskScale.ProductRisk(risk) : "",
            Targeting = new Grpc.Targeting { Tiers = { item.Tiers }, Stages = { item.Stages }, Tags = { item.Tags }, Segment = item.Segment ?? "" },
            ValidFrom = item.ValidFrom is { } from ? Timestamp.FromDateTimeOffset(from) : null,
            ValidTo = item.ValidTo is { } to ? Timestamp.FromDateTimeOffset(to) : null,
            Priority = item.Priority,
            Moments = { item.Moments },
            Channels = { item.Channels },
            Labels = { item.Labels },
            Version = item.Version,
            UpdatedAt = Timestamp.FromDateTimeOffset(item.UpdatedAt),
        };
        return wire;
    }

    public static CatalogItemVersion ToVersion(CatalogItem item) => new()
    {
        ItemId = item.ItemId, Version = item.Version, Definition = Json.Format(ToGrpc(item)), SavedAt = item.UpdatedAt,
    };

    public static ContentItem FromVersion(CatalogItemVersion version) => ContentItem.Parser.ParseJson(version.Definition);
}
