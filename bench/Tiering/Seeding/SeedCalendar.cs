using Platform.ServiceDefaults.Time;
using Platform.Tiering.Assets;
using Platform.Tiering.Tiers;

namespace Platform.Bench.Tiering.Seeding;

/// <summary>
/// The business days the seed is built around, in Asia/Shanghai as the service reckons them: the
/// snapshots cover the last N trading days before today (weekdays: the bench configures no
/// holidays, like the service's default), and every client was last reviewed at the latest
/// monthly review (the service's default schedule), so that no review is due during the run.
/// </summary>
public sealed record SeedCalendar(DateTimeOffset Now, DateOnly Today, DateOnly Yesterday, IReadOnlyList<DateOnly> SnapshotDays, DateTimeOffset LastReview)
{
    public static TradingCalendar Trading => TradingCalendar.WeekdaysOnly;

    public static SeedCalendar At(DateTimeOffset now, int days)
    {
        var today = ShanghaiTime.DateOf(now);
        return new SeedCalendar(now, today, today.AddDays(-1), Trading.LastTradingDays(today.AddDays(-1), days), new ReviewSchedule().LatestAtOrBefore(now));
    }

    /// <summary>When a day's end-of-day snapshot was reported: 17:00 in Shanghai, after the close.</summary>
    public static DateTimeOffset ReportedAt(DateOnly day) => ShanghaiTime.StartOf(day).AddHours(17);
}
