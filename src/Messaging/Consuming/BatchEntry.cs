using Confluent.Kafka;

namespace Platform.Messaging.Consuming;

/// <summary>
/// A well-formed message of a batch: its registration and parsed event, or neither for an event type the group does not
/// subscribe to (it keeps its place, so that its offset is stored after those before it).
/// </summary>
internal sealed record BatchEntry(ConsumeResult<string, byte[]> Result, HandlerRegistration? Registration, ConsumedEvent? Event);
