using Platform.ServiceDefaults.Time;

namespace Platform.Onboarding.Reports;

/// <summary>
/// Cohorts are registration dates in Asia/Shanghai, and the report filters whole cohort days: a
/// day is included when any part of it lies in [from, to).
/// </summary>
public static class ReportCalendar
{
    public static DateOnly CohortOf(DateTimeOffset registeredAt) => ShanghaiTime.DateOf(registeredAt);

    /// <summary>The cohort days overlapping [from, to); null ends are open.</summary>
    public static CohortRange RangeOf(DateTimeOffset? from, DateTimeOffset? to) => new(
        from is { } start ? CohortOf(start) : null,
        to is { } end ? CohortOf(end.AddTicks(-1)) : null);

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
