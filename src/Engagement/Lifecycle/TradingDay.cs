namespace Platform.Engagement.Lifecycle;

/// <summary>The trading day of an instant: snapshots are dated by the exchange's calendar (China Standard Time, no daylight saving).</summary>
public static class TradingDay
{
    private static readonly TimeSpan ExchangeOffset = TimeSpan.FromHours(8);

    public static DateOnly Of(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(ExchangeOffset).DateTime);
}
