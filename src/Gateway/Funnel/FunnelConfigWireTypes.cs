using System.Text.Json.Serialization;
using Platform.Gateway.Json;

namespace Platform.Gateway.Funnel;

/// <summary>
/// PUT /v1/config/funnels/{name}. `name` may be left out (the path names the funnel); `version`,
/// `changedAt` and `changedBy` of a definition read with GET are ignored, so it can be sent back
/// as it was read. Durations are ISO 8601.
/// </summary>
public sealed class PutFunnelRequest
{
    public string? Name { get; init; }

    /// <summary>The funnel's steps in order; each a standard step, at most once.</summary>
    public IReadOnlyList<FunnelStepDefinitionRequest?>? Steps { get; init; }

    /// <summary>Stall escalation thresholds: 1 to 5, positive, strictly increasing, e.g. ["PT30M","PT24H","P7D"].</summary>
    [JsonConverter(typeof(IsoDurationListConverter))]
    public IReadOnlyList<TimeSpan>? StallAfter { get; init; }

    /// <summary>Approved without a first deposit for this long: dormant, e.g. "P3D".</summary>
    [JsonConverter(typeof(IsoDurationConverter))]
    public TimeSpan? DormantAfter { get; init; }
}

public sealed class FunnelStepDefinitionRequest
{
    public FunnelStep? Step { get; init; }

    /// <summary>Channels on which the step may be skipped.</summary>
    public IReadOnlyList<AcquisitionChannel>? OptionalOnChannels { get; init; }
}

/// <summary>A funnel definition as stored: the contract's fields plus who changed it last, and when.</summary>
public sealed record FunnelDefinitionResponse(
    string Name,
    int Version,
    IReadOnlyList<FunnelStepDefinitionResponse> Steps,
    [property: JsonConverter(typeof(IsoDurationListConverter))] IReadOnlyList<TimeSpan> StallAfter,
    [property: JsonConverter(typeof(IsoDurationConverter))] TimeSpan? DormantAfter,
    DateTimeOffset? ChangedAt,
    string? ChangedBy);

public sealed record FunnelStepDefinitionResponse(string Step, IReadOnlyList<string> OptionalOnChannels);

/// <summary>GET /v1/reports/funnel.</summary>
public sealed record FunnelReportResponse(
    string Funnel,
    DateTimeOffset? From,
    DateTimeOffset? To,
    IReadOnlyList<FunnelReportGroupResponse> Groups);

public sealed record FunnelReportGroupResponse(string Key, IReadOnlyList<FunnelReportStepResponse> Steps, double OverallConversion);

/// <param name="MedianSecondsFromPrevious">Null when no client has both this step and the previous one.</param>
public sealed record FunnelReportStepResponse(
    string Step,
    long Entered,
    long Completed,
    long Dropped,
    double ConversionFromPrevious,
    double? MedianSecondsFromPrevious);

/// <summary>How a funnel report is sliced; absent means one group, `all`.</summary>
[JsonConverter(typeof(WireEnumConverter<FunnelReportGrouping>))]
public enum FunnelReportGrouping
{
    [JsonStringEnumMemberName("channel")] Channel,
    [JsonStringEnumMemberName("campaign")] Campaign,
    [JsonStringEnumMemberName("cohort")] Cohort,
    [JsonStringEnumMemberName("variant")] Variant,
}
