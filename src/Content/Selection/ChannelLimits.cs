using Platform.Content.Catalog;

namespace Platform.Content.Selection;

/// <summary>
/// How much text each channel carries (Content:Channels). An outreach whose rendered words do not
/// fit its channel is not sent cut: the next item that fits is chosen instead.
/// </summary>
public sealed class ChannelLimits
{
    /// <summary>One SMS segment of Chinese text (UCS-2): 70 characters.</summary>
    public int SmsMaxLength { get; set; } = 70;

    public int PushMaxTitleLength { get; set; } = 40;

    public int PushMaxBodyLength { get; set; } = 120;

    public bool Fits(string channel, string title, string body) => channel switch
    {
        ContentChannels.Sms => body.Length <= SmsMaxLength,
        ContentChannels.Push => title.Length <= PushMaxTitleLength && body.Length <= PushMaxBodyLength,
        _ => true,
    };
}
