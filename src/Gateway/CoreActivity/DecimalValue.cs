using Platform.Messaging.Envelope;

namespace Platform.Activity.Events;

/// <summary>Converted through Messaging's <see cref="ExactDecimal"/>, as every service's exact decimals.</summary>
internal sealed partial class DecimalValue : IExactDecimal;
