namespace Platform.Gateway.Content;

internal sealed record ContentTargetingResponse(IReadOnlyList<string> Tiers, IReadOnlyList<string> Stages, IReadOnlyList<string> Tags, string? Segment);
