using Platform.Engagement.Channels;

namespace Platform.Engagement.Tests.Outreach;

/// <summary>
/// A provider for push and SMS whose connection hangs for the messages of one client (nothing reaches the provider) until
/// the replica stops; other clients' messages are delivered. <see cref="Entered"/> completes when that client's first send starts.
/// </summary>
public sealed class HangingChannelAdapter(string clientId) : IChannelAdapter
{
    private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyCollection<string> Channels { get; } = [ChannelNames.Push, ChannelNames.Sms];

    public Task Entered => entered.Task;

    public async Task<DeliveryResult> SendAsync(OutreachMessage message, CancellationToken cancellationToken)
    {
        if (message.ClientId != clientId)
        {
            return DeliveryResult.Success;
        }

        entered.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new OperationCanceledException(cancellationToken);
    }
}
