namespace Platform.Gateway.Engagement;

/// <summary>GET /v1/reports/moments: the period (from inclusive, to exclusive) and every moment that fired in it, in key order.</summary>
internal sealed record MomentReportResponse(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<MomentReportRowResponse> Moments);
