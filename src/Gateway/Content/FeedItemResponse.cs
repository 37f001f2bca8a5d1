namespace Platform.Gateway.Content;

/// <summary>One rendered item of a feed: no placeholder left.</summary>
internal sealed record FeedItemResponse(string ItemId, string Kind, string Title, string Body, int Priority, FeedExperimentResponse? Experiment);
