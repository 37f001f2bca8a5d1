using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Messaging.Consuming;

/// <summary>One (topic, event type) a consumer group handles, and how to invoke its handler.</summary>
internal abstract class HandlerRegistration(string topic, string eventType)
{
    public string Topic { get; } = topic;

    public string EventType { get; } = eventType;

    /// <summary>Parses the payload; throws <see cref="InvalidProtocolBufferException"/> for a malformed one.</summary>
    public abstract IMessage Parse(byte[] payload);

    public abstract Task InvokeAsync(IServiceProvider services, IMessage message, EventContext context, CancellationToken cancellationToken);
}

internal sealed class HandlerRegistration<TEvent, THandler>(string topic)
    : HandlerRegistration(topic, new TEvent().Descriptor.Name)
    where TEvent : class, IMessage<TEvent>, new()
    where THandler : class, IEventHandler<TEvent>
{
    private static readonly MessageParser<TEvent> Parser = new(() => new TEvent());

    public override IMessage Parse(byte[] payload) => Parser.ParseFrom(payload);

    public override Task InvokeAsync(IServiceProvider services, IMessage message, EventContext context, CancellationToken cancellationToken) =>
        services.GetRequiredService<THandler>().HandleAsync((TEvent)message, context, cancellationToken);
}
