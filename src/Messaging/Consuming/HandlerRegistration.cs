using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Messaging.Consuming;

/// <summary>One (topic, event type) a consumer group handles, and how to invoke its handler.</summary>
internal abstract class HandlerRegistration(string topic, string eventType)
{
    public string Topic { get; } = topic;

    public string EventType { get; } = eventType;

    /// <summary>The <see cref="IEventBatchHandler"/> of a group that handles in batches; null for a per-event handler.</summary>
    public virtual Type? BatchHandler => null;

    /// <summary>Parses the payload; throws <see cref="InvalidProtocolBufferException"/> for a malformed one.</summary>
    public abstract IMessage Parse(byte[] payload);

    /// <summary>Applies the events (a single one unless <see cref="BatchHandler"/> is set).</summary>
    public abstract Task InvokeAsync(IServiceProvider services, IReadOnlyList<ConsumedEvent> events, CancellationToken cancellationToken);
}

/// <summary>Parsing, shared by both kinds of handler.</summary>
internal abstract class HandlerRegistration<TEvent>(string topic) : HandlerRegistration(topic, new TEvent().Descriptor.Name)
    where TEvent : class, IMessage<TEvent>, new()
{
    private static readonly MessageParser<TEvent> Parser = new(() => new TEvent());

    public override IMessage Parse(byte[] payload) => Parser.ParseFrom(payload);
}

internal sealed class HandlerRegistration<TEvent, THandler>(string topic) : HandlerRegistration<TEvent>(topic)
    where TEvent : class, IMessage<TEvent>, new()
    where THandler : class, IEventHandler<TEvent>
{
    public override async Task InvokeAsync(IServiceProvider services, IReadOnlyList<ConsumedEvent> events, CancellationToken cancellationToken)
    {
        var handler = services.GetRequiredService<THandler>();
        foreach (var consumed in events)
        {
            await handler.HandleAsync((TEvent)consumed.Message, consumed.Context, cancellationToken);
        }
    }
}

internal sealed class BatchHandlerRegistration<TEvent, THandler>(string topic) : HandlerRegistration<TEvent>(topic)
    where TEvent : class, IMessage<TEvent>, new()
    where THandler : class, IEventBatchHandler
{
    public override Type? BatchHandler => typeof(THandler);

    public override Task InvokeAsync(IServiceProvider services, IReadOnlyList<ConsumedEvent> events, CancellationToken cancellationToken) =>
        services.GetRequiredService<THandler>().HandleAsync(events, cancellationToken);
}
