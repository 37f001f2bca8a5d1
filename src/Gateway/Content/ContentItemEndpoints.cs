using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Content.Grpc;

namespace Platform.Gateway.Content;

/// <summary>Operators' content catalogue: GET|POST /v1/content/items, GET|PUT /v1/content/items/{itemId} and the item's versions (API.md, Content).</summary>
internal static class ContentItemEndpoints
{
    public static RouteGroupBuilder MapContentItems(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapContentGroup("/v1/content/items");

        group.MapGet("", List).WithName("ListContentItems").WithSummary("The current version of every item, by priority then id, optionally of one kind")
            .ProducesValidationProblem();
        group.MapPost("", Create).WithName("CreateContentItem").WithSummary("Adds an item as its version 1")
            .WithDescription("kind, title and body are required; risk R1..R5 is required for kind product and optional on the others "
                + "(suitability applies to any item carrying one); priority defaults to 50; an absent or empty targeting list restricts nothing. Templates may use only the documented non-PII "
                + "placeholders. Every field Content refuses is named in errors. 409 when the itemId is taken. version and updatedAt are ignored.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{itemId}", Get).WithName("GetContentItem").WithSummary("One item's current version").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{itemId}", Update).WithName("UpdateContentItem").WithSummary("Replaces the whole item as its next version")
            .WithDescription("The body is the whole item, as POST takes it (itemId may be left out; when given it must be the route's). version, "
                + "when given, is the version the edit was made from: if another edit committed since, the answer is 409 and nothing changes "
                + "(read the item again and redo the edit); without it, the edit replaces whatever is current. Earlier versions stay readable.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{itemId}/versions", ListVersions).WithName("ListContentItemVersions").WithSummary("Every version of one item, oldest first")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    internal static async Task<Ok<ContentItemResponse[]>> List(
        [Description("product | insight | feature | service | campaign | benefit; absent: every kind.")] string? kind,
        CatalogService.CatalogServiceClient catalog, CancellationToken cancellationToken)
    {
        var reply = await catalog.ListItemsAsync(new ListItemsRequest { Kind = kind ?? string.Empty }, cancellationToken: cancellationToken);
        return TypedResults.Ok(reply.Items.Select(ContentItemWire.FromGrpc).ToArray());
    }

    internal static async Task<Ok<ContentItemResponse>> Get(string itemId, CatalogService.CatalogServiceClient catalog, CancellationToken cancellationToken) =>
        TypedResults.Ok(ContentItemWire.FromGrpc(await catalog.GetItemAsync(new GetItemRequest { ItemId = itemId }, cancellationToken: cancellationToken)));

    internal static async Task<Ok<ContentItemResponse[]>> ListVersions(string itemId, CatalogService.CatalogServiceClient catalog,
        CancellationToken cancellationToken)
    {
        var reply = await catalog.ListItemVersionsAsync(new GetItemRequest { ItemId = itemId }, cancellationToken: cancellationToken);
        return TypedResults.Ok(reply.Items.Select(ContentItemWire.FromGrpc).ToArray());
    }

    internal static async Task<Results<Created<ContentItemResponse>, ValidationProblem>> Create(
        ContentItemRequest request, CatalogService.CatalogServiceClient catalog, CancellationToken cancellationToken)
    {
        var errors = ContentItemWire.Check(request, routeItemId: null);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var created = ContentItemWire.FromGrpc(await catalog.CreateItemAsync(ContentItemWire.ToGrpc(request, request.ItemId!), cancellationToken: cancellationToken));
        return TypedResults.Created($"/v1/content/items/{Uri.EscapeDataString(created.ItemId)}", created);
    }

    internal static async Task<Results<Ok<ContentItemResponse>, ValidationProblem>> Update(
        string itemId, ContentItemRequest request, CatalogService.CatalogServiceClient catalog, CancellationToken cancellationToken)
    {
        var errors = ContentItemWire.Check(request, itemId);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var command = new UpdateItemRequest { Item = ContentItemWire.ToGrpc(request, itemId), ExpectedVersion = request.Version ?? 0 };
        return TypedResults.Ok(ContentItemWire.FromGrpc(await catalog.UpdateItemAsync(command, cancellationToken: cancellationToken)));
    }
}
