using Platform.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Platform.Content.Experiments;
using Platform.Content.Grpc;
using Platform.Content.Selection;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Time;
using Platform.ServiceDefaults.Auth;

namespace Platform.Content.Catalog;

/// <summary>Operators' catalogue: the current items and every version they had.</summary>
[Authorize(Roles = CallerRoles.Operator)]
public sealed class CatalogGrpcService(ContentDbContext db, CatalogCache catalog, ExperimentArms experimentArms, TimeProvider time) : CatalogService.CatalogServiceBase
{
    public override async Task<ItemList> ListItems(ListItemsRequest request, ServerCallContext context)
    {
        var items = db.Items.AsNoTracking();
        if (request.Kind.Length > 0)
        {
            items = ContentKinds.TryParse(request.Kind, out var kind)
                ? items.Where(i => i.Kind == kind)
                : throw GrpcFieldErrors.InvalidArgument("kind", $"must be one of {ContentKinds.List}");
        }

        var list = await items.OrderByDescending(i => i.Priority).ThenBy(i => i.ItemId).ToListAsync(context.CancellationToken);
        return new ItemList { Items = { list.Select(ItemWire.ToGrpc) } };
    }

    public override async Task<ContentItem> GetItem(GetItemRequest request, ServerCallContext context) =>
        ItemWire.ToGrpc((Keys.IsKey(request.ItemId) ? await db.Items.AsNoTracking().FirstOrDefaultAsync(i => i.ItemId == request.ItemId, context.CancellationToken) : null)
            ?? throw NotFound(request.ItemId));

    public override async Task<ItemList> ListItemVersions(GetItemRequest request, ServerCallContext context)
    {
        // A key that cannot exist (a NUL in it would fail the query itself) is simply not found.
        var versions = Keys.IsKey(request.ItemId)
            ? await db.ItemVersions.AsNoTracking().Where(v => v.ItemId == request.ItemId).OrderBy(v => v.Version).ToListAsync(context.CancellationToken)
            : [];
        return versions.Count > 0 ? new ItemList { Items = { versions.Select(ItemWire.FromVersion) } } : throw NotFound(request.ItemId);
    }

    public override async Task<ContentItem> CreateItem(ContentItem request, ServerCallContext context)
    {
        var spec = await ParseAsync(request, context.CancellationToken);
        var item = CatalogItem.Create(spec, StoredTime.Now(time));
        db.Items.Add(item);
        db.ItemVersions.Add(ItemWire.ToVersion(item));
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, $"An item '{spec.ItemId}' exists; change it with PUT."));
        }

        await catalog.RefreshAsync(CancellationToken.None); // saved: this replica's feeds follow at once, others within the refresh interval
        return ItemWire.ToGrpc(item);
    }

    public override async Task<ContentItem> UpdateItem(UpdateItemRequest request, ServerCallContext context)
    {
        var spec = await ParseAsync(request.Item ?? new ContentItem(), context.CancellationToken);
        var item = await db.Items.FirstOrDefaultAsync(i => i.ItemId == spec.ItemId, context.CancellationToken) ?? throw NotFound(spec.ItemId);
        if (request.ExpectedVersion != 0 && request.ExpectedVersion != item.Version)
        {
            throw Conflict(spec.ItemId, item.Version);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        item.Update(spec, StoredTime.Now(time));
        if (await experimentArms.CheckEditAsync(item, context.CancellationToken) is { Count: > 0 } armErrors)
        {
            throw GrpcFieldErrors.InvalidArgument(armErrors);
        }

        db.ItemVersions.Add(ItemWire.ToVersion(item));
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
            await transaction.CommitAsync(context.CancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException
            || ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            throw Conflict(spec.ItemId, null);
        }

        await catalog.RefreshAsync(CancellationToken.None);
        return ItemWire.ToGrpc(item);
    }

    /// <summary>The spec, or every field error at once; a segment must exist when the item is saved.</summary>
    private async Task<ItemSpec> ParseAsync(ContentItem request, CancellationToken cancellationToken)
    {
        var timeErrors = new FieldErrors();
        if (ItemWire.ToDraft(request, timeErrors) is not { } draft)
        {
            throw GrpcFieldErrors.InvalidArgument(timeErrors.ToDictionary());
        }

        var (spec, errors) = ItemSpec.Parse(draft);
        if (spec?.Targeting.Segment is { } segment && !await db.Segments.AnyAsync(s => s.Key == segment, cancellationToken))
        {
            errors["targeting.segment"] = [$"there is no segment '{segment}'; create it first (POST /v1/segments)"];
        }

        return spec is not null && errors.Count == 0 ? spec : throw GrpcFieldErrors.InvalidArgument(errors);
    }

    private static RpcException NotFound(string itemId) =>
        new(new Status(StatusCode.NotFound, Keys.IsKey(itemId) ? $"There is no item '{itemId}'." : "There is no such item."));

    private static RpcException Conflict(string itemId, int? current) => new(new Status(StatusCode.Aborted,
        $"Item '{itemId}' was changed by someone else{(current is { } v ? $" (it is at version {v})" : "")}; read it again and retry."));
}
