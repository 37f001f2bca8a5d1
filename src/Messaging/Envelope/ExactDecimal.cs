namespace Platform.Messaging.Envelope;

/// <summary>
/// Money and shares in events are exact decimals, written as whole units plus nanos (units +
/// nanos / 1e9, both with the value's sign), because protobuf has no decimal and a double would
/// round. Every service's wire messages (<see cref="IExactDecimal"/>: Amount, DecimalValue) and the
/// gateway convert through here, and nowhere else.
/// </summary>
public static class ExactDecimal
{
    /// <summary>The decimals the wire holds exactly (nanos).</summary>
    public const int MaxDecimals = 9;
    private const int NanosPerUnit = 1_000_000_000;

    /// <summary>
    /// Exact for up to 9 decimals. More (a computed average) are cut toward zero, never rounded up:
    /// a value just below a tier's minimum must not read as reaching it. Inputs from callers are
    /// rejected with more decimals than they may carry before they get here.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Beyond the units' range (a long).</exception>
    public static (long Units, int Nanos) Split(decimal value)
    {
        var units = decimal.Truncate(value);
        if (units is < long.MinValue or > long.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"An exact decimal on the wire holds at most {long.MaxValue} whole units.");
        }

        return ((long)units, (int)decimal.Truncate((value - units) * NanosPerUnit));
    }

    /// <summary>The decimal a units/nanos pair stands for.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// Nanos beyond ±999,999,999, or of the other sign than the units: a broken message, never read as some amount.
    /// </exception>
    public static decimal Join(long units, int nanos)
    {
        if (nanos is <= -NanosPerUnit or >= NanosPerUnit || (units > 0 && nanos < 0) || (units < 0 && nanos > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(nanos), nanos,
                $"Not an exact decimal: nanos must be within ±999999999 and carry the sign of the units ({units}).");
        }

        return units + (decimal)nanos / NanosPerUnit;
    }

    /// <summary>The value as the wire message <typeparamref name="T"/> (see <see cref="Split"/>).</summary>
    public static T ToExact<T>(this decimal value) where T : IExactDecimal, new()
    {
        var (units, nanos) = Split(value);
        return new T { Units = units, Nanos = nanos };
    }

    /// <summary>The message's value; an absent message is zero, as proto3 reads an absent number.</summary>
    public static decimal ToDecimal(this IExactDecimal? value) => value is null ? 0m : Join(value.Units, value.Nanos);
}
