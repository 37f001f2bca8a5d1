using System.Collections.Frozen;

namespace Platform.Content.Catalog;

/// <summary>The channels an item's words may be written for; Engagement asks for one of these.</summary>
public static class ContentChannels
{
    public const string Inbox = "inbox";
    public const string Push = "push";
    public const string Sms = "sms";
    public const string WeCom = "wecom";
    public const string Livestream = "livestream";
    public const string AdvisorTask = "advisor_task";

    public static readonly FrozenSet<string> All = FrozenSet.Create(Inbox, Push, Sms, WeCom, Livestream, AdvisorTask);
}
