using System.Collections.Concurrent;
using Platform.Engagement.Channels;

namespace Platform.Engagement.Tests.Outreach;

/// <summary>
/// A provider for push and SMS whose answers the test scripts: each send is recorded (as the provider saw it) and then
/// answered by <paramref name="answer"/>, given the message and how many times this message id was sent before.
/// </summary>
public sealed class ScriptedChannelAdapter(Func<OutreachMessage, int, CancellationToken, Task<DeliveryResult>>? answer = null) : IChannelAdapter
{
    private readonly ConcurrentQueue<OutreachMessage> sent = new();

    public IReadOnlyCollection<string> Channels { get; } = [ChannelNames.Push, ChannelNames.Sms];

    /// <summary>Every send, in order, retries included.</summary>
    public IReadOnlyList<OutreachMessage> Sent => [.. sent];

    public int SendsOf(Guid messageId) => sent.Count(m => m.MessageId == messageId);

    public async Task<DeliveryResult> SendAsync(OutreachMessage message, CancellationToken cancellationToken)
    {
        var before = SendsOf(message.MessageId);
        sent.Enqueue(message);
        return answer is null ? DeliveryResult.Success : await answer(message, before, cancellationToken);
    }
}
