using Platform.Tiering.Events;

namespace Platform.Tiering.Tiers;

/// <summary>Exact decimals on the wire: units + nanos / 1e9, both with the same sign.</summary>
public static class Amounts
{
    public static Amount ToAmount(this decimal value)
    {
        var units = decimal.Truncate(value);
        return new Amount { Units = (long)units, Nanos = (int)((value - units) * 1_000_000_000m) };
    }

    public static decimal ToDecimal(this Activity.Events.DecimalValue? value) =>
        value is null ? 0m : value.Units + value.Nanos / 1_000_000_000m;

    public static decimal ToDecimal(this Amount? value) =>
        value is null ? 0m : value.Units + value.Nanos / 1_000_000_000m;
}
