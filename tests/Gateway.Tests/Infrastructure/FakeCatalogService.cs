using System.Text;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Content.Grpc;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>
/// The catalogue in memory, every version kept: a taken id is AlreadyExists, an unknown one NotFound, a stale expected
/// version Aborted. Of Content's value rules it keeps two (a known kind, a product's risk), only to show that its field
/// errors reach the caller; the rules themselves are Content's tests' business. An id's prefix picks a misbehaviour.
/// Details never echo an id: the fuzz pass sends ids of 100 KB through the test server (a real Kestrel refuses a request
/// line over 8 KB), and a status detail that large exceeds the gRPC client's 64 KB limit on response headers.
/// </summary>
public sealed class FakeCatalogService(StateChanges changes) : CatalogService.CatalogServiceBase
{
    public static readonly DateTimeOffset UpdatedAt = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    private static readonly string[] Kinds = ["product", "insight", "feature", "service", "campaign", "benefit"];

    private readonly Lock gate = new();
    private readonly Dictionary<string, List<ContentItem>> versions = new(StringComparer.Ordinal)
    {
        ["fund-a"] = [Item("fund-a", "product", "R3", 60)],
        ["market-news"] = [Item("market-news", "insight", "", 40)],
    };

    private readonly Dictionary<string, UpdateItemRequest> lastUpdates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> writesNaming = new(StringComparer.Ordinal);

    /// <summary>
    /// How many create or edit calls reached the catalogue naming this item id, accepted or not. Tests that run beside
    /// others on this shared server ask about their own ids rather than the server-wide <see cref="StateChanges"/>.
    /// </summary>
    public int WritesNaming(string itemId)
    {
        lock (gate)
        {
            return writesNaming.GetValueOrDefault(itemId);
        }
    }

    /// <summary>The last edit accepted for an item, as the gateway sent it.</summary>
    public UpdateItemRequest? LastUpdate(string itemId)
    {
        lock (gate)
        {
            return lastUpdates.GetValueOrDefault(itemId);
        }
    }

    public static ContentItem Item(string itemId, string kind, string risk, int priority) => new()
    {
        ItemId = itemId, Kind = kind, Title = $"{itemId} title", Body = "Your tier is {{tier}}", Risk = risk, Priority = priority,
        Targeting = new Targeting { Tiers = { "V2", "V3" } }, Version = 1, UpdatedAt = Timestamp.FromDateTimeOffset(UpdatedAt),
    };

    public override Task<ItemList> ListItems(ListItemsRequest request, ServerCallContext context)
    {
        if (request.Kind.Length > 0 && !Kinds.Contains(request.Kind))
        {
            throw FieldError("kind", "must be one of product, insight, feature, service, campaign, benefit");
        }

        lock (gate)
        {
            return Task.FromResult(new ItemList
            {
                Items = { versions.Values.Select(v => v[^1]).Where(i => request.Kind.Length == 0 || i.Kind == request.Kind).OrderByDescending(i => i.Priority) },
            });
        }
    }

    public override async Task<ContentItem> GetItem(GetItemRequest request, ServerCallContext context) =>
        (await VersionsAsync(request.ItemId, context))[^1];

    public override async Task<ItemList> ListItemVersions(GetItemRequest request, ServerCallContext context) =>
        new() { Items = { await VersionsAsync(request.ItemId, context) } };

    public override async Task<ContentItem> CreateItem(ContentItem request, ServerCallContext context)
    {
        CountWrite(request.ItemId);
        await FakeOnboardingService.Misbehave(request.ItemId, 1, context);
        Check(request);
        var created = new ContentItem(request) { Version = 1, UpdatedAt = Timestamp.FromDateTimeOffset(UpdatedAt) };
        lock (gate)
        {
            if (!versions.TryAdd(request.ItemId, [created]))
            {
                throw new RpcException(new Status(StatusCode.AlreadyExists, "The item id is taken; change the item with PUT."));
            }
        }

        changes.Add();
        return created;
    }

    public override async Task<ContentItem> UpdateItem(UpdateItemRequest request, ServerCallContext context)
    {
        CountWrite(request.Item.ItemId);
        await FakeOnboardingService.Misbehave(request.Item.ItemId, 1, context);
        Check(request.Item);
        ContentItem updated;
        lock (gate)
        {
            if (!versions.TryGetValue(request.Item.ItemId, out var list))
            {
                throw new RpcException(new Status(StatusCode.NotFound, "No such item."));
            }

            if (request.ExpectedVersion != 0 && request.ExpectedVersion != list[^1].Version)
            {
                throw new RpcException(new Status(StatusCode.Aborted, $"The item was changed by someone else (it is at version {list[^1].Version})."));
            }

            updated = new ContentItem(request.Item) { Version = list[^1].Version + 1, UpdatedAt = Timestamp.FromDateTimeOffset(UpdatedAt) };
            list.Add(updated);
            lastUpdates[request.Item.ItemId] = request;
        }

        changes.Add();
        return updated;
    }

    private void CountWrite(string itemId)
    {
        lock (gate)
        {
            writesNaming[itemId] = writesNaming.GetValueOrDefault(itemId) + 1;
        }
    }

    internal static RpcException FieldError(string field, string message) => new(
        new Status(StatusCode.InvalidArgument, $"{field}: {message}"),
        new Metadata { { "field-errors-bin", Encoding.UTF8.GetBytes($$"""{"{{field}}":["{{message}}"]}""") } });

    private async Task<List<ContentItem>> VersionsAsync(string itemId, ServerCallContext context)
    {
        await FakeOnboardingService.Misbehave(itemId, 1, context);
        lock (gate)
        {
            return versions.TryGetValue(itemId, out var list) ? [.. list] : throw new RpcException(new Status(StatusCode.NotFound, "No such item."));
        }
    }

    private static void Check(ContentItem item)
    {
        if (!Kinds.Contains(item.Kind))
        {
            throw FieldError("kind", "must be one of product, insight, feature, service, campaign, benefit");
        }

        if (item.Kind == "product" && item.Risk.Length == 0)
        {
            throw FieldError("risk", "is required for a product (R1..R5)");
        }
    }
}
