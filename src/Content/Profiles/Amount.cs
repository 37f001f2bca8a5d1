using Platform.Messaging.Envelope;

namespace Platform.Tiering.Events;

/// <summary>Converted through Messaging's <see cref="ExactDecimal"/>, as every service's exact decimals.</summary>
public sealed partial class Amount : IExactDecimal;
