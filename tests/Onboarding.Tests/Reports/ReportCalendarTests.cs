using Platform.Onboarding.Reports;

namespace Platform.Onboarding.Tests.Reports;

/// <summary>Report bounds at the ends of the calendar: the gateway passes any time it can read, year 1 and 9999 included.</summary>
public sealed class ReportCalendarTests
{
    public static TheoryData<DateTimeOffset?, DateTimeOffset?> CalendarEnds => new()
    {
        { DateTimeOffset.MinValue, null },
        { new DateTimeOffset(1, 1, 1, 12, 0, 0, TimeSpan.Zero), null },
        { null, DateTimeOffset.MaxValue },
        { null, new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero) },
        { DateTimeOffset.MaxValue.AddHours(-1), null },
        { null, DateTimeOffset.MinValue },
        { DateTimeOffset.MinValue, DateTimeOffset.MaxValue },
    };

    [Theory]
    [MemberData(nameof(CalendarEnds))]
    public void BoundsAtTheEndsOfTheCalendarGiveARangeWithComputableBounds(DateTimeOffset? from, DateTimeOffset? to)
    {
        var range = ReportCalendar.RangeOf(from, to);

        var (start, end) = range.Bounds;
        Assert.True(start is null || from is null || start <= from, $"{start} after {from}");
        Assert.True(end is null || to is null || end >= to || range.Last == DateOnly.MinValue, $"{end} before {to}");
    }

    [Fact]
    public void AFromInYearOneLeavesTheRangeOpenAtTheStart()
    {
        var range = ReportCalendar.RangeOf(DateTimeOffset.MinValue, new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero));

        Assert.Null(range.First);
        Assert.Equal(new DateOnly(2026, 11, 24), range.Last);
    }
}
