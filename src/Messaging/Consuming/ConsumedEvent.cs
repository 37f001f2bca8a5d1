using Google.Protobuf;

namespace Platform.Messaging.Consuming;

/// <summary>One consumed event as a batch handler receives it: the parsed message and where it came from.</summary>
/// <param name="Message">The protobuf message, of one of the types the group registered.</param>
/// <param name="Context">Its envelope and position.</param>
public sealed record ConsumedEvent(IMessage Message, EventContext Context);
