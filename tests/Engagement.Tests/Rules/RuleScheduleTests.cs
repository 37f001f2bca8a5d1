using Platform.Engagement.Rules;

namespace Platform.Engagement.Tests.Rules;

/// <summary>A schedule's times: past the calendar's end there is none (never an exception), and a time many periods after an old anchor is the one a step-by-step count reaches.</summary>
public sealed class RuleScheduleTests
{
    [Fact]
    public void AScheduleWhoseTimeLiesPastTheCalendarsEndHasNoOccurrence()
    {
        // A maturity of 9999-12-31 plus P7D: the review of issue 12 found it throwing inside the lifecycle batch, which then
        // dead-lettered the purchase with its lifecycle facts.
        var maturity = new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);
        var now = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Null(Schedule("P7D").Next(maturity, now));
        Assert.Null(Schedule("PT0S", "P1Y").Next(new DateTimeOffset(9990, 1, 1, 0, 0, 0, TimeSpan.Zero), DateTimeOffset.MaxValue.AddDays(-1)));
    }

    [Theory]
    [InlineData("PT0S", "P1D", "2001-03-04T05:06:07+08:00", "2026-12-01T00:00:00Z")]
    [InlineData("PT0S", "P1M", "2024-01-31T10:00:00+08:00", "2026-12-01T00:00:00Z")]
    [InlineData("P1Y", "P1Y", "2024-02-29T10:00:00+08:00", "2027-03-01T00:00:00Z")]
    [InlineData("-P3D", "PT7H", "2000-01-01T00:00:00Z", "2026-06-15T12:34:56Z")]
    [InlineData("P2M", "P1Y2M3DT4H", "1990-12-31T23:00:00+08:00", "2026-12-01T00:00:00Z")]
    [InlineData("PT0S", "P1D", "2026-12-01T00:00:00Z", "2026-12-01T00:00:00Z")]
    [InlineData("PT0S", "P1W", "2026-12-05T00:00:00Z", "2026-12-01T00:00:00Z")]
    public void ATimeManyPeriodsAfterItsAnchorIsTheFirstAStepByStepCountReaches(string offset, string every, string anchor, string notBefore)
    {
        var schedule = Schedule(offset, every);
        var (at, after) = (DateTimeOffset.Parse(anchor, System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(notBefore, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(StepByStep(schedule, at, after), schedule.Next(at, after));
    }

    /// <summary>What the schedule means, counted the slow way: the anchor plus the offset plus n periods, for n = 0, 1, 2, ...</summary>
    private static DateTimeOffset StepByStep(RuleSchedule schedule, DateTimeOffset at, DateTimeOffset notBefore)
    {
        var next = Add(schedule, at, 0);
        for (var n = 1; next < notBefore; n++)
        {
            next = Add(schedule, at, n);
        }

        return next;
    }

    private static DateTimeOffset Add(RuleSchedule schedule, DateTimeOffset at, int n)
    {
        var (o, e) = (schedule.Offset, schedule.Every!);
        var sign = o.Negative ? -1 : 1;
        return at.AddYears(sign * o.Years + n * e.Years).AddMonths(sign * o.Months + n * e.Months).AddDays(sign * o.Days + n * e.Days)
            .Add(o.Time * sign + e.Time * n);
    }

    private static RuleSchedule Schedule(string offset, string? every = null) =>
        new("event.maturesAt", Duration(offset), every is null ? null : Duration(every));

    private static RuleDuration Duration(string text) =>
        RuleDuration.TryParse(text, out var duration) ? duration : throw new ArgumentException($"not a duration: {text}", nameof(text));
}
