namespace Platform.Onboarding.Reports;

/// <summary>
/// Cohorts are registration dates in Asia/Shanghai, and the report filters whole cohort days: a
/// day is included when any part of it lies in [from, to).
/// </summary>
public static class ReportCalendar
{
    // China has kept UTC+8 without daylight saving since 1991; the fixed zone covers images without tzdata.
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.TryFindSystemTimeZoneById("Asia/Shanghai", out var zone)
        ? zone
        : TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");

    public static DateOnly CohortOf(DateTimeOffset registeredAt) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(registeredAt, Zone).DateTime);

    /// <summary>The cohort days overlapping [from, to); null ends are open.</summary>
    public static CohortRange RangeOf(DateTimeOffset? from, DateTimeOffset? to) => new(
        from is { } start ? CohortOf(start) : null,
        to is { } end ? CohortOf(end.AddTicks(-1)) : null);

    /// <summary>The instant a cohort day starts.</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}

/// <summary>Cohort days from <see cref="First"/> to <see cref="Last"/>, both inclusive; null is open.</summary>
public readonly record struct CohortRange(DateOnly? First, DateOnly? Last)
{
    public bool IsEmpty => First > Last;

    /// <summary>The effective bounds as instants: the start of the first day, the end of the last day (exclusive).</summary>
    public (DateTimeOffset? From, DateTimeOffset? To) Bounds => (
        First is { } first ? ReportCalendar.StartOf(first) : null,
        Last is { } last ? ReportCalendar.StartOf(last.AddDays(1)) : null);
}
