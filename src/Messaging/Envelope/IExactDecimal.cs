namespace Platform.Messaging.Envelope;

/// <summary>
/// A wire message holding an exact decimal as units plus nanos (<see cref="ExactDecimal"/>). The
/// generated classes (Tiering's Amount, activity's DecimalValue) take it on in a one-line partial
/// declaration, so that every service and the gateway convert them through the one helper.
/// </summary>
public interface IExactDecimal
{
    /// <summary>The whole units, with the value's sign.</summary>
    long Units { get; set; }

    /// <summary>The billionths, with the value's sign.</summary>
    int Nanos { get; set; }
}
