namespace Platform.Gateway.Content;

/// <summary>The experiment and variant an item was served as.</summary>
internal sealed record FeedExperimentResponse(string Key, string Variant);
