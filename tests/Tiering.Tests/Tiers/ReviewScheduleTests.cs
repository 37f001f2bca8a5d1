using Platform.Tiering.Tiers;

namespace Platform.Tiering.Tests.Tiers;

public sealed class ReviewScheduleTests
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    private readonly ReviewSchedule schedule = new() { DayOfMonth = 1, TimeOfDay = new TimeOnly(2, 0) };

    [Fact]
    public void TheLatestReviewIsThisMonthsOnceItsTimeHasComeAndLastMonthsBefore()
    {
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 2, 0, 0, Shanghai), schedule.LatestAtOrBefore(new DateTimeOffset(2026, 12, 1, 2, 0, 0, Shanghai)));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 2, 0, 0, Shanghai), schedule.LatestAtOrBefore(new DateTimeOffset(2026, 12, 1, 1, 59, 0, Shanghai)));
        // 1 December 01:00 in Shanghai is still 30 November in UTC.
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 2, 0, 0, Shanghai), schedule.LatestAtOrBefore(new DateTimeOffset(2026, 11, 30, 19, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void TheNextReviewIsAMonthLaterAcrossTheYear()
    {
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 2, 0, 0, Shanghai), schedule.NextAfter(new DateTimeOffset(2026, 12, 1, 2, 0, 0, Shanghai)));
        Assert.False(new ReviewSchedule { DayOfMonth = 31 }.IsValid);
    }
}
