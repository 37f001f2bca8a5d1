namespace Platform.Engagement.Channels;

/// <summary>
/// Local mode and tests: "sends" by writing one Information line per message (ids, channel and item, never the
/// title or body, which may name the client), visible in the dashboard's logs; keeps nothing else.
/// </summary>
public sealed partial class RecordingChannelAdapter(IReadOnlyCollection<string> channels, ILogger<RecordingChannelAdapter> logger) : IChannelAdapter
{
    public IReadOnlyCollection<string> Channels { get; } = channels;

    public Task<DeliveryResult> SendAsync(OutreachMessage message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Recorded(logger, message.Channel, message.MessageId, message.InstanceKey, message.ClientId, message.ItemId ?? "-");
        return Task.FromResult(DeliveryResult.Success);
    }

    [LoggerMessage(1200, LogLevel.Information, "Recorded {Channel} outreach {MessageId} of {InstanceKey} to client {ClientId}, item {ItemId}")]
    private static partial void Recorded(ILogger logger, string channel, Guid messageId, string instanceKey, string clientId, string itemId);
}
