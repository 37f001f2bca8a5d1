namespace Platform.Engagement.Outreach.Decisions;

/// <summary>
/// What Content's SelectContent answered for the instance: the item and its rendered words, or why none
/// (<see cref="OutreachReasons.Unsuitable"/> when only items above the client's risk tolerance matched, else
/// <see cref="OutreachReasons.NoContent"/>).
/// </summary>
public sealed record ContentChoice(string? ItemId, string? Title, string? Body, string? NotFoundReason)
{
    public bool Found => ItemId is not null;

    public static ContentChoice Of(string itemId, string title, string body) => new(itemId, title, body, null);

    public static ContentChoice None(string reason) =>
        new(null, null, null, reason == OutreachReasons.Unsuitable ? OutreachReasons.Unsuitable : OutreachReasons.NoContent);
}
