using Google.Protobuf;
using Platform.Messaging.Envelope;

namespace Platform.Engagement.Tests.Outreach;

/// <summary>One delivery of an event to a replica's lifecycle handler: the message and the envelope it came in (its event id).</summary>
public sealed record ReplayedEvent(string Topic, IMessage Message, EventEnvelope Envelope)
{
    public override string ToString() => $"{Message.Descriptor.Name} {Envelope.Key} {Envelope.EventId:N}";
}
