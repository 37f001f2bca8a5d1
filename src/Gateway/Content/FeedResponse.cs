namespace Platform.Gateway.Content;

internal sealed record FeedResponse(IReadOnlyList<FeedItemResponse> Items);
