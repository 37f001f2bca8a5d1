using Platform.ServiceDefaults.Time;

namespace Platform.Tiering.Tiers;

/// <summary>
/// Section <c>Tiering:Review</c>: when the monthly tier review happens, in Shanghai time. The
/// review is the only moment a tier can go down.
/// </summary>
public sealed class ReviewSchedule
{
    /// <summary>Day of the month (1..28, so that every month has it).</summary>
    public int DayOfMonth { get; set; } = 1;

    /// <summary>Time of that day, Shanghai.</summary>
    public TimeOnly TimeOfDay { get; set; } = new(2, 0);

    public bool IsValid => DayOfMonth is >= 1 and <= 28;

    /// <summary>The latest review at or before <paramref name="now"/>.</summary>
    public DateTimeOffset LatestAtOrBefore(DateTimeOffset now)
    {
        var today = ShanghaiTime.DateOf(now);
        var candidate = At(today.Year, today.Month);
        return candidate <= now ? candidate : At(today.AddMonths(-1).Year, today.AddMonths(-1).Month);
    }

    /// <summary>The review after <paramref name="review"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset review)
    {
        var month = ShanghaiTime.DateOf(review).AddMonths(1);
        return At(month.Year, month.Month);
    }

    private DateTimeOffset At(int year, int month) =>
        ShanghaiTime.StartOf(new DateOnly(year, month, DayOfMonth)) + TimeOfDay.ToTimeSpan();
}
