namespace Platform.Tiering.Assets;

/// <summary>Trading days in Asia/Shanghai: weekdays, minus the exchange holidays operators list.</summary>
public sealed class TradingCalendar(IEnumerable<DateOnly> holidays)
{
    private readonly HashSet<DateOnly> holidays = [.. holidays];

    // The last answer: a sweep asks the same window for every client of a batch.
    private volatile Window? last;

    public static TradingCalendar WeekdaysOnly { get; } = new([]);

    public bool IsTradingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(day);

    /// <summary>The last <paramref name="count"/> trading days up to <paramref name="asOf"/> (inclusive), oldest first.</summary>
    public IReadOnlyList<DateOnly> LastTradingDays(DateOnly asOf, int count)
    {
        if (last is { } window && window.AsOf == asOf && window.Count == count)
        {
            return window.Days;
        }

        var days = new List<DateOnly>(count);
        // A year of calendar days holds about 245 trading days; the bound stops a calendar made only of holidays.
        for (var day = asOf; days.Count < count && day > asOf.AddYears(-5); day = day.AddDays(-1))
        {
            if (IsTradingDay(day))
            {
                days.Add(day);
            }
        }

        days.Reverse();
        var answer = days.AsReadOnly();
        last = new Window(asOf, count, answer);
        return answer;
    }

    private sealed record Window(DateOnly AsOf, int Count, IReadOnlyList<DateOnly> Days);
}
