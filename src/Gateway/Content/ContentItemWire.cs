using Google.Protobuf.WellKnownTypes;
using Platform.Content.Grpc;

namespace Platform.Gateway.Content;

/// <summary>Between the gateway's JSON item and Content's gRPC item, and the shape checks of the JSON one.</summary>
internal static class ContentItemWire
{
    /// <summary>API.md's default priority: the middle of 0..100.</summary>
    public const int DefaultPriority = 50;

    public static Dictionary<string, string[]> Check(ContentItemRequest request, string? routeItemId)
    {
        var shape = new ContentShape();
        if (routeItemId is null)
        {
            shape.Require("itemId", request.ItemId, "lower-case letters, digits and '-'");
        }
        else
        {
            shape.SameAsRoute("itemId", request.ItemId, routeItemId);
            if (request.Version is < 1)
            {
                shape.Errors["version"] = ["must be the version read (1 or more), or absent to replace whatever is current"];
            }
        }

        shape.Require("kind", request.Kind, "product, insight, feature, service, campaign or benefit");
        shape.Require("title", request.Title, "a template");
        shape.Require("body", request.Body, "a template");
        shape.NoNullElements("targeting.tiers", request.Targeting?.Tiers);
        shape.NoNullElements("targeting.stages", request.Targeting?.Stages);
        shape.NoNullElements("targeting.tags", request.Targeting?.Tags);
        shape.NoNullElements("moments", request.Moments);
        shape.NoNullElements("channels", request.Channels);
        shape.NoNullElements("labels", request.Labels);
        return shape.Errors;
    }

    /// <summary>Call after <see cref="Check"/> found nothing: the required fields are there and no list holds a null.</summary>
    public static ContentItem ToGrpc(ContentItemRequest request, string itemId) => new()
    {
        ItemId = itemId,
        Kind = request.Kind!,
        Title = request.Title!,
        Body = request.Body!,
        Risk = request.Risk ?? string.Empty,
        Targeting = new Targeting
        {
            Tiers = { request.Targeting?.Tiers ?? [] },
            Stages = { request.Targeting?.Stages ?? [] },
            Tags = { request.Targeting?.Tags ?? [] },
            Segment = request.Targeting?.Segment ?? string.Empty,
        },
        ValidFrom = request.ValidFrom is { } from ? Timestamp.FromDateTimeOffset(from) : null,
        ValidTo = request.ValidTo is { } to ? Timestamp.FromDateTimeOffset(to) : null,
        Priority = request.Priority ?? DefaultPriority,
        Moments = { request.Moments ?? [] },
        Channels = { request.Channels ?? [] },
        Labels = { request.Labels ?? [] },
    };

    public static ContentItemResponse FromGrpc(ContentItem item) => new(
        item.ItemId,
        item.Kind,
        item.Title,
        item.Body,
        NullIfEmpty(item.Risk),
        new ContentTargetingResponse(
            [.. item.Targeting?.Tiers ?? []], [.. item.Targeting?.Stages ?? []], [.. item.Targeting?.Tags ?? []], NullIfEmpty(item.Targeting?.Segment)),
        item.ValidFrom?.ToDateTimeOffset(),
        item.ValidTo?.ToDateTimeOffset(),
        item.Priority,
        item.Version,
        [.. item.Moments],
        [.. item.Channels],
        [.. item.Labels],
        item.UpdatedAt?.ToDateTimeOffset() ?? default);

    public static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
