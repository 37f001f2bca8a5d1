using Platform.Messaging.Envelope;
using Platform.Tiering.Events;

namespace Platform.Tiering.Tiers;

/// <summary>The wire's exact decimals (<see cref="ExactDecimal"/>) as Tiering reads and writes them.</summary>
public static class Amounts
{
    public static Amount ToAmount(this decimal value)
    {
        var (units, nanos) = ExactDecimal.Split(value);
        return new Amount { Units = units, Nanos = nanos };
    }

    public static decimal ToDecimal(this Activity.Events.DecimalValue? value) => value is null ? 0m : ExactDecimal.Join(value.Units, value.Nanos);

    public static decimal ToDecimal(this Amount? value) => value is null ? 0m : ExactDecimal.Join(value.Units, value.Nanos);
}
