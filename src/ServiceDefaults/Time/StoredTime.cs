namespace Platform.ServiceDefaults.Time;

/// <summary>
/// PostgreSQL keeps microseconds and .NET ticks are a tenth of one: a time answered before it was
/// saved must already be the instant a later read returns, or a retry and a read disagree.
/// </summary>
public static class StoredTime
{
    public static DateTimeOffset Of(DateTimeOffset time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerMicrosecond));

    public static DateTimeOffset Now(TimeProvider time) => Of(time.GetUtcNow());
}
