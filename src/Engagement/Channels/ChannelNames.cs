namespace Platform.Engagement.Channels;

/// <summary>The channels an outreach can take (API.md's audit shape): settings, rules and adapters name exactly these.</summary>
public static class ChannelNames
{
    public const string Inbox = "inbox";
    public const string Push = "push";
    public const string Sms = "sms";
    public const string WeCom = "wecom";
    public const string Livestream = "livestream";
    public const string AdvisorTask = "advisor_task";

    public static IReadOnlyList<string> All { get; } = [Inbox, Push, Sms, WeCom, Livestream, AdvisorTask];

    public static bool IsKnown(string? channel) => channel is not null && All.Contains(channel, StringComparer.Ordinal);

    /// <summary>For error messages: "inbox, push, ...".</summary>
    public static string List { get; } = string.Join(", ", All);
}
