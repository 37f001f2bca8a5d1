using System.Text.Json.Serialization;
using Platform.Gateway.Json;

namespace Platform.Gateway.Content;

/// <summary>POST /v1/experiments and PUT /v1/experiments/{key}: the whole experiment (API.md).</summary>
public sealed class ExperimentRequest
{
    public string? Key { get; init; }

    /// <summary>running | stopped.</summary>
    public string? Status { get; init; }

    /// <summary>The first is the control.</summary>
    public IReadOnlyList<VariantRequest?>? Variants { get; init; }

    /// <summary>ISO 8601 duration, e.g. P7D.</summary>
    public string? ConversionWindow { get; init; }

    /// <summary>On PUT, the version the operator read: a stale one is a 409 and nothing changes. Ignored on POST.</summary>
    public int? Version { get; init; }
}

public sealed class VariantRequest
{
    public string? Name { get; init; }

    public int? Weight { get; init; }

    public string? ItemId { get; init; }
}

internal sealed record VariantResponse(string Name, int Weight, string ItemId);

internal sealed record ExperimentResponse(string Key, string Status, VariantResponse[] Variants, string ConversionWindow, int Version, DateTimeOffset UpdatedAt);

internal sealed record VariantResultResponse(
    string Name, long Exposures, long Conversions, double? Rate, double? Lift, double? Difference, double[]? Ci95, double? PValue);

internal sealed record SampleRatioMismatchResponse(bool Detected, double? PValue);

internal sealed record ExperimentResultsResponse(string Key, VariantResultResponse[] Variants, SampleRatioMismatchResponse SampleRatioMismatch);

/// <summary>POST /v1/content/conversions.</summary>
public sealed class ConversionRequest
{
    public string? EventId { get; init; }

    public string? ClientId { get; init; }

    public string? ExperimentKey { get; init; }

    [JsonConverter(typeof(OffsetDateTimeConverter))]
    public DateTimeOffset? OccurredAt { get; init; }
}

internal sealed record ConversionResponse(bool Duplicate, bool Counted);
