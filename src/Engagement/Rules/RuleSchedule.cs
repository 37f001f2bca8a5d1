namespace Platform.Engagement.Rules;

/// <summary>
/// The rule fires at a time named by a field instead of at once: <see cref="At"/> (<c>event.&lt;time field&gt;</c> of the
/// trigger or <c>client.&lt;time field&gt;</c>) plus <see cref="Offset"/>, then again every <see cref="Every"/> when set
/// (the anniversary: <c>client.approvedAt</c> + P1Y every P1Y).
/// </summary>
public sealed record RuleSchedule(string At, RuleDuration Offset, RuleDuration? Every)
{
    // Mean lengths of the Gregorian calendar: only to estimate how many periods fit, corrected exactly by the steps after.
    private const double DaysPerYear = 365.2425;
    private const double DaysPerMonth = DaysPerYear / 12;

    /// <summary>
    /// The first time at or after <paramref name="notBefore"/> the schedule names (a one-off: its one time, whenever it is), or
    /// null when that time lies outside the calendar. The number of periods is estimated from the mean period and then
    /// corrected by a few exact steps: an old anchor with a short period costs no more than a new one.
    /// </summary>
    public DateTimeOffset? Next(DateTimeOffset at, DateTimeOffset notBefore)
    {
        var first = Occurrence(at, 0);
        if (Every is not { } every || first is not { } start || start >= notBefore)
        {
            return first;
        }

        var period = TimeSpan.FromDays(every.Years * DaysPerYear + every.Months * DaysPerMonth + every.Days) + every.Time;
        if (period <= TimeSpan.Zero)
        {
            return first;
        }

        var n = (long)Math.Min((notBefore - start) / period, int.MaxValue);
        // Past the calendar's end (null) is after notBefore too: a positive period only moves forward from the first time.
        while (n > 0 && (Occurrence(at, n - 1) is not { } earlier || earlier >= notBefore))
        {
            n--;
        }

        while (Occurrence(at, n) is { } time && time < notBefore)
        {
            n++;
        }

        return Occurrence(at, n);
    }

    /// <summary>
    /// The anchor plus the offset plus <paramref name="n"/> periods, added to the anchor in one step: an anniversary of
    /// 29 February is on 28 February in common years and back on 29 February in leap years, never drifting. Null past the
    /// calendar's ends.
    /// </summary>
    private DateTimeOffset? Occurrence(DateTimeOffset at, long n)
    {
        var offset = Offset.Negative ? -1 : 1;
        var period = Every ?? RuleDuration.Zero;
        try
        {
            return at.AddYears(checked((int)(offset * Offset.Years + n * period.Years))).AddMonths(checked((int)(offset * Offset.Months + n * period.Months)))
                .AddDays(offset * Offset.Days + (double)n * period.Days).Add(Offset.Time * offset + TimeSpan.FromTicks(checked(period.Time.Ticks * n)));
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or OverflowException or ArgumentException)
        {
            return null;
        }
    }
}
