namespace Platform.Messaging.Envelope;

/// <summary>
/// Money and shares in events are exact decimals, written as whole units plus nanos (units +
/// nanos / 1e9, both with the value's sign), because protobuf has no decimal and a double would
/// round. Every service's wire messages (Amount, DecimalValue) convert through here.
/// </summary>
public static class ExactDecimal
{
    private const decimal NanosPerUnit = 1_000_000_000m;

    /// <summary>Exact for up to 9 decimals; more are truncated.</summary>
    public static (long Units, int Nanos) Split(decimal value)
    {
        var units = decimal.Truncate(value);
        return ((long)units, (int)((value - units) * NanosPerUnit));
    }

    /// <summary>The decimal a units/nanos pair stands for.</summary>
    public static decimal Join(long units, int nanos) => units + nanos / NanosPerUnit;
}
