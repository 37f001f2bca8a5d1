using Platform.ServiceDefaults.Time;

namespace Platform.Onboarding.Reports;

/// <summary>
/// Cohorts are registration dates in Asia/Shanghai, and the report filters whole cohort days: a
/// day is included when any part of it lies in [from, to).
/// </summary>
public static class ReportCalendar
{
    public static DateOnly CohortOf(DateTimeOffset registeredAt) => ShanghaiTime.DateOf(registeredAt);

    // The first and the last Shanghai day of the calendar (0001-01-01, 9999-12-31) cannot be named as
    // instants: one starts before DateTimeOffset.MinValue in UTC, the other ends after MaxValue.
    private static readonly DateTimeOffset FirstNamedDayStart = ShanghaiTime.StartOf(DateOnly.MinValue.AddDays(1));
    private static readonly DateTimeOffset LastDayStart = ShanghaiTime.StartOf(DateOnly.MaxValue);

    /// <summary>
    /// The cohort days overlapping [from, to); null ends are open. A bound within the calendar's
    /// first or last Shanghai day (year 1, year 9999) leaves that end open, which selects the same
    /// cohorts, instead of naming a day whose start cannot be computed.
    /// </summary>
    public static CohortRange RangeOf(DateTimeOffset? from, DateTimeOffset? to) => new(
        from is { } start && start >= FirstNamedDayStart ? CohortOf(start < LastDayStart ? start : LastDayStart) : null,
        to is { } end && end <= LastDayStart ? CohortOf(end > DateTimeOffset.MinValue ? end.AddTicks(-1) : end) : null);

    /// <summary>The instant a cohort day starts.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => ShanghaiTime.StartOf(day);
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
