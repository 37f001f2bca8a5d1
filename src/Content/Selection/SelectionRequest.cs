using Platform.Content.Catalog;

namespace Platform.Content.Selection;

/// <summary>
/// What is being chosen: a feed (every general item the client may see), or the words of one
/// outreach (a moment on a channel, optionally of a kind and about some labels).
/// </summary>
public sealed record SelectionRequest(
    string? Moment,
    string? Channel,
    ContentKind? Kind,
    IReadOnlyList<string> Labels,
    IReadOnlyDictionary<string, string> MomentValues)
{
    public static readonly SelectionRequest Feed = new(null, null, null, [], new Dictionary<string, string>());

    public bool IsFeed => Moment is null;
}
