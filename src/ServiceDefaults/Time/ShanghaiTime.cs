namespace Platform.ServiceDefaults.Time;

/// <summary>
/// The brokerage's business day: dates (registration cohorts, trading days) are days in
/// Asia/Shanghai, whatever zone a service runs in.
/// </summary>
public static class ShanghaiTime
{
    // China has kept UTC+8 without daylight saving since 1991; the fixed zone covers images without tzdata.
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.TryFindSystemTimeZoneById("Asia/Shanghai", out var zone)
        ? zone
        : TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");

    /// <summary>The Shanghai date of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>The instant a Shanghai day starts.</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
