using Platform.Engagement.Channels;
using Platform.Engagement.Settings;

namespace Platform.Engagement.Policies;

/// <summary>
/// High tiers get a person, not a text: from advisorTaskFromTier up an SMS becomes an advisor task. A rule whose
/// channel is advisor_task (M17, transfer-out) makes one for any tier. The task is due after the SLA of the client's tier.
/// </summary>
public static class AdvisorTaskRouting
{
    public static string ChannelFor(string channel, int tierLevel, int advisorTaskFromTier) =>
        channel == ChannelNames.Sms && tierLevel >= advisorTaskFromTier ? ChannelNames.AdvisorTask : channel;

    public static string ChannelFor(string channel, int tierLevel, EngagementSettings settings) =>
        ChannelFor(channel, tierLevel, settings.AdvisorTaskFromTier);

    public static DateTimeOffset DueAt(AdvisorTaskSla sla, int tierLevel, DateTimeOffset decidedAt) => decidedAt + sla.For(tierLevel);
}
