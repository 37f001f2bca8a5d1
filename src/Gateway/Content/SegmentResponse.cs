namespace Platform.Gateway.Content;

internal sealed record SegmentResponse(string Key, string Expression, int Version, DateTimeOffset UpdatedAt);
