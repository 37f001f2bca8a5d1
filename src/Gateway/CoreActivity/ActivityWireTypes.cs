using System.Text.Json.Serialization;
using System.Text.Json;
using Platform.Gateway.Json;

namespace Platform.Gateway.CoreActivity;

/// <summary>The kinds of activity core brokerage systems report (API.md, Activity from core brokerage systems).</summary>
[JsonConverter(typeof(WireEnumConverter<ActivityType>))]
public enum ActivityType
{
    [JsonStringEnumMemberName("login")] Login,
    [JsonStringEnumMemberName("deposit")] Deposit,
    [JsonStringEnumMemberName("withdrawal")] Withdrawal,
    [JsonStringEnumMemberName("transfer_out")] TransferOut,
    [JsonStringEnumMemberName("trade")] Trade,
    [JsonStringEnumMemberName("product_purchase")] ProductPurchase,
    [JsonStringEnumMemberName("product_matured")] ProductMatured,
    [JsonStringEnumMemberName("drawdown")] Drawdown,
    [JsonStringEnumMemberName("assets_snapshot")] AssetsSnapshot,
}

/// <summary>POST /v1/activity: 1 to 1000 events, published all or none.</summary>
public sealed class ActivityBatchRequest
{
    public IReadOnlyList<ActivityEventRequest?>? Events { get; init; }
}

/// <summary>
/// One activity event. Every member is nullable so that <see cref="ActivityValidator"/> names what is
/// missing; which of the type fields are required, and allowed, depends on <see cref="Type"/>.
/// Money and percentages are JSON numbers read as <see cref="decimal"/>, so they stay exact.
/// </summary>
public sealed class ActivityEventRequest
{
    /// <summary>A UUID chosen by the core system; the event's id downstream (consumers deduplicate on it).</summary>
    public string? EventId { get; init; }

    public string? ClientId { get; init; }

    public ActivityType? Type { get; init; }

    [JsonConverter(typeof(OffsetDateTimeConverter))]
    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>CNY, more than 0, at most 2 decimals: deposit, withdrawal, transfer_out, trade, product_purchase, product_matured.</summary>
    public decimal? Amount { get; init; }

    /// <summary>product_purchase, product_matured.</summary>
    public string? ProductId { get; init; }

    /// <summary>Optional, product_purchase only: when the product matures (after occurredAt); absent for a product without a maturity.</summary>
    [JsonConverter(typeof(OffsetDateTimeConverter))]
    public DateTimeOffset? MaturesAt { get; init; }

    /// <summary>0 to 100: drawdown.</summary>
    public decimal? Percent { get; init; }

    /// <summary>The trading day, yyyy-MM-dd: assets_snapshot.</summary>
    public string? Date { get; init; }

    /// <summary>CNY, 0 or more, at most 2 decimals: assets_snapshot.</summary>
    public decimal? TotalAssets { get; init; }

    /// <summary>CNY, 0 or more, at most 2 decimals: assets_snapshot.</summary>
    public decimal? Cash { get; init; }

    /// <summary>Members the contract does not know; each one is a 400 naming it.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; set; }
}

/// <param name="Accepted">Events published (each distinct eventId of the batch once).</param>
/// <param name="Duplicates">Events whose eventId repeated an earlier one of the same batch; not published again.</param>
public sealed record ActivityBatchResponse(int Accepted, int Duplicates);
