namespace Platform.Engagement.Outreach.Decisions;

/// <summary>
/// What Content's SelectContent answered for the instance: the item and its rendered words, or why none
/// (<see cref="OutreachReasons.Unsuitable"/> when only items above the client's risk tolerance matched, else
/// <see cref="OutreachReasons.NoContent"/>).
/// </summary>
public sealed record ContentChoice(string? ItemId, string? Title, string? Body, string? NotFoundReason)
{
    public bool Found => ItemId is not null;

    /// <summary>
    /// The running Content experiment the item is an arm of, and the arm (its variant); empty when it is in none. Kept with
    /// the decision and named by OutreachDecided, so that Content records the client's exposure when the words are sent.
    /// </summary>
    public string ExperimentKey { get; init; } = "";

    public string Variant { get; init; } = "";

    /// <summary>
    /// The words as they are kept (the inbox's, the instance's and an advisor task's columns): Content bounds its templates,
    /// not what a value rendered into them adds, and one word too many must not fail the round that records it.
    /// </summary>
    public static ContentChoice Of(string itemId, string title, string body, string experimentKey = "", string variant = "") =>
        new(itemId, Fit(title, Inbox.InboxEntry.MaxTitleLength), Fit(body, Inbox.InboxEntry.MaxBodyLength), null)
        {
            ExperimentKey = experimentKey, Variant = variant,
        };

    public static ContentChoice None(string reason) =>
        new(null, null, null, reason == OutreachReasons.Unsuitable ? OutreachReasons.Unsuitable : OutreachReasons.NoContent);

    private static string Fit(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        var kept = length - 1;
        // Never half a surrogate pair: PostgreSQL refuses the text.
        kept -= char.IsHighSurrogate(text[kept - 1]) ? 1 : 0;
        return string.Concat(text.AsSpan(0, kept), "\u2026");
    }
}
