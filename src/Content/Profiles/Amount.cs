using Platform.Messaging.Envelope;

namespace Platform.Tiering.Events;

/// <summary>Converted through Messaging's <see cref="ExactDecimal"/>, as every service's exact decimals.</summary>
/// <remarks>
/// In Tiering's event namespace, not Content's: this is the other half of the partial class generated from Tiering's
/// events proto (NearNextTier's amount), and the halves of a partial class must share their namespace.
/// </remarks>
public sealed partial class Amount : IExactDecimal;
