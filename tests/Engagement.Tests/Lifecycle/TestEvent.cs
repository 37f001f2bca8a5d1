using Google.Protobuf;
using Platform.Messaging.Envelope;

namespace Platform.Engagement.Tests.Lifecycle;

/// <summary>An event of the lifecycle's vocabulary for any client: the same fact can be published for several clients.</summary>
public sealed record TestEvent(string Topic, Func<string, IMessage> Make, DateTimeOffset At, string Describe)
{
    public IMessage For(string clientId) => Make(clientId);

    /// <summary>A new envelope (a new event id) of this fact for <paramref name="clientId"/>.</summary>
    public EventEnvelope Envelope(string clientId) => EventEnvelope.Create(clientId, Make(clientId), At, At);

    public override string ToString() => Describe;
}
