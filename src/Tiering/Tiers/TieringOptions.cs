using Platform.Tiering.Assets;

namespace Platform.Tiering.Tiers;

/// <summary>Section <c>Tiering</c>.</summary>
public sealed class TieringOptions
{
    /// <summary>Exchange holidays (Shanghai dates): weekdays that are not trading days.</summary>
    public List<DateOnly> Holidays { get; set; } = [];

    /// <summary>How long a replica keeps the current tier table before looking for a newer version.</summary>
    public TimeSpan TableCacheTime { get; set; } = TimeSpan.FromSeconds(5);

    public TradingCalendar Calendar() => new(Holidays);
}
