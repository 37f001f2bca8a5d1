using Platform.Engagement.Inbox;
using Platform.Engagement.Outreach.Decisions;

namespace Platform.Engagement.Tests.Outreach;

/// <summary>
/// Words longer than their columns are cut to fit, never half a character: one too-long rendering (Content bounds templates,
/// not the values rendered into them) would otherwise fail the whole recording transaction of its round, again each lease.
/// </summary>
public sealed class ContentChoiceTests
{
    [Fact]
    public void WordsThatFitAreKeptAsTheyAre()
    {
        var choice = ContentChoice.Of("item", "Welcome", "Body");

        Assert.Equal(("Welcome", "Body"), (choice.Title, choice.Body));
    }

    [Fact]
    public void ATitleOrBodyLongerThanItsColumnIsCutToFitWithAnEllipsis()
    {
        var choice = ContentChoice.Of("item", new string('t', InboxEntry.MaxTitleLength + 150), new string('b', InboxEntry.MaxBodyLength + 1));

        Assert.Equal(InboxEntry.MaxTitleLength, choice.Title!.Length);
        Assert.EndsWith("\u2026", choice.Title, StringComparison.Ordinal);
        Assert.Equal(InboxEntry.MaxBodyLength, choice.Body!.Length);
    }

    [Fact]
    public void AnEmojiAtTheCutIsDroppedWholeNotHalved()
    {
        // The emoji's two UTF-16 units sit where the cut would fall.
        var title = new string('t', InboxEntry.MaxTitleLength - 2) + "\U0001F600" + "tail";

        var choice = ContentChoice.Of("item", title, "body");

        Assert.False(choice.Title!.Any(char.IsSurrogate), choice.Title);
        Assert.True(choice.Title!.Length <= InboxEntry.MaxTitleLength);
    }
}
