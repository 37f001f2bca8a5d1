using Platform.Engagement.Settings;

namespace Platform.Engagement.Policies;

/// <summary>
/// Quiet hours: an SMS or push decided inside the window waits for its end. The window is of local times in its zone;
/// the end is the first instant whose local time reaches it, so on a night the clocks change the wait is an hour
/// shorter or longer, and an end that falls in the hour skipped in spring is the instant the clocks jump.
/// </summary>
public static class QuietHoursPolicy
{
    /// <summary>When a message on <paramref name="channel"/> decided at <paramref name="at"/> may go: null at once, else the window's end.</summary>
    public static DateTimeOffset? DeferUntil(QuietHours quietHours, string channel, DateTimeOffset at)
    {
        if (quietHours.Start == quietHours.End || !quietHours.Channels.Contains(channel, StringComparer.Ordinal))
        {
            return null;
        }

        var local = TimeZoneInfo.ConvertTime(at, quietHours.TimeZone).DateTime;
        var time = TimeOnly.FromDateTime(local);
        var acrossMidnight = quietHours.End < quietHours.Start;
        var inside = acrossMidnight
            ? time >= quietHours.Start || time < quietHours.End
            : time >= quietHours.Start && time < quietHours.End;
        // A window's end that fell in a spring-forward gap is the instant the clocks jump, when the local time may already be
        // past the next window's start (both in the skipped hour): at that instant the window is over and the message may go.
        if (!inside || FirstInstantAt(DateOnly.FromDateTime(local).ToDateTime(quietHours.End), quietHours.TimeZone) == at)
        {
            return null;
        }

        // Before midnight in a window across it, the window ends tomorrow.
        var endDay = DateOnly.FromDateTime(local).AddDays(acrossMidnight && time >= quietHours.Start ? 1 : 0);
        return FirstInstantAt(endDay.ToDateTime(quietHours.End), quietHours.TimeZone);
    }

    private static DateTimeOffset FirstInstantAt(DateTime local, TimeZoneInfo zone)
    {
        if (zone.IsInvalidTime(local))
        {
            // Skipped by a spring-forward: the local time passes it when the clocks jump, the gap's end.
            var jumped = local;
            while (zone.IsInvalidTime(jumped))
            {
                jumped = jumped.AddMinutes(1);
            }

            return FirstInstantAt(new DateTime(jumped.Year, jumped.Month, jumped.Day, jumped.Hour, 0, 0, DateTimeKind.Unspecified), zone);
        }

        // Twice in an autumn night: the first time, under the larger (summer) offset.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
