using Platform.Messaging.Envelope;

// The other halves of the partial classes generated from the activity and tiering event protos, in their namespaces (the
// halves of a partial class must share one), so that their amounts convert through Messaging's ExactDecimal.
namespace Platform.Activity.Events
{
    public sealed partial class DecimalValue : IExactDecimal;
}

namespace Platform.Tiering.Events
{
    public sealed partial class Amount : IExactDecimal;
}
