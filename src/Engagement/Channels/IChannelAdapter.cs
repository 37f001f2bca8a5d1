namespace Platform.Engagement.Channels;

/// <summary>A way out to clients for some channels (push, SMS, WeCom, live-stream invitations).</summary>
public interface IChannelAdapter
{
    /// <summary>The channels this adapter delivers (<see cref="ChannelNames"/>).</summary>
    IReadOnlyCollection<string> Channels { get; }

    /// <summary>Delivers one message; a provider's failure is a result, not an exception (cancellation still throws).</summary>
    Task<DeliveryResult> SendAsync(OutreachMessage message, CancellationToken cancellationToken);
}
