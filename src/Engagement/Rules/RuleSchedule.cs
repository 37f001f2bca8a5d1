namespace Platform.Engagement.Rules;

/// <summary>
/// The rule fires at a time named by a field instead of at once: <see cref="At"/> (<c>event.&lt;time field&gt;</c> of the
/// trigger or <c>client.&lt;time field&gt;</c>) plus <see cref="Offset"/>, then again every <see cref="Every"/> when set
/// (the anniversary: <c>client.approvedAt</c> + P1Y every P1Y).
/// </summary>
public sealed record RuleSchedule(string At, RuleDuration Offset, RuleDuration? Every)
{
    /// <summary>The first time at or after <paramref name="notBefore"/> the schedule names, counted from <paramref name="at"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset at, DateTimeOffset notBefore)
    {
        var next = Occurrence(at, 0);
        for (var n = 1; next < notBefore && Every is not null; n++)
        {
            next = Occurrence(at, n);
        }

        return next;
    }

    /// <summary>
    /// The anchor plus the offset plus <paramref name="n"/> periods, added to the anchor in one step: an anniversary of
    /// 29 February is on 28 February in common years and back on 29 February in leap years, never drifting.
    /// </summary>
    private DateTimeOffset Occurrence(DateTimeOffset at, int n)
    {
        var (offset, every) = (Offset.Negative ? -1 : 1, n);
        var period = Every ?? RuleDuration.Zero;
        return at.AddYears(offset * Offset.Years + every * period.Years).AddMonths(offset * Offset.Months + every * period.Months)
            .AddDays(offset * Offset.Days + every * period.Days).Add(Offset.Time * offset + period.Time * every);
    }
}
