namespace Platform.Gateway.Content;

/// <summary>A client's operator tags, sorted and without duplicates.</summary>
internal sealed record ClientTagsResponse(IReadOnlyList<string> Tags);
