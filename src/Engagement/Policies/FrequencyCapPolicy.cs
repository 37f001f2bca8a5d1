using Platform.Engagement.Settings;

namespace Platform.Engagement.Policies;

/// <summary>
/// Frequency caps over a sliding window: a send at <c>at</c> is allowed while fewer than <c>Count</c> sends to the
/// client on the channel fall in (at - Per, at]. Decisions are taken in time order per client, so every window of
/// length Per then holds at most Count sends. Count 0 never allows one.
/// </summary>
public static class FrequencyCapPolicy
{
    public static bool Allows(IEnumerable<DateTimeOffset> sends, FrequencyCap cap, DateTimeOffset at)
    {
        if (cap.Count <= 0)
        {
            return false;
        }

        var from = at - cap.Per;
        return sends.Count(sent => sent > from && sent <= at) < cap.Count;
    }

    /// <summary>With the settings' caps: a channel without a cap is not capped.</summary>
    public static bool Allows(IEnumerable<DateTimeOffset> sends, IReadOnlyDictionary<string, FrequencyCap> caps, string channel, DateTimeOffset at) =>
        !caps.TryGetValue(channel, out var cap) || Allows(sends, cap, at);
}
