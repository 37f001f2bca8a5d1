namespace Platform.Engagement.Channels;

/// <summary>
/// Which adapter delivers each channel: the one configured for it (a provider's webhook), otherwise the local
/// recording adapter, so local mode and tests deliver every channel without a provider.
/// </summary>
public sealed class ChannelAdapterRegistry
{
    private readonly Dictionary<string, IChannelAdapter> adapters = new(StringComparer.Ordinal);

    public ChannelAdapterRegistry(IEnumerable<IChannelAdapter> configured, RecordingChannelAdapter recording)
    {
        foreach (var adapter in configured)
        {
            foreach (var channel in adapter.Channels)
            {
                if (!ChannelNames.IsKnown(channel))
                {
                    throw new InvalidOperationException($"An adapter serves '{channel}', which is not a channel ({ChannelNames.List}).");
                }

                if (!adapters.TryAdd(channel, adapter))
                {
                    throw new InvalidOperationException($"Two adapters serve the channel '{channel}'.");
                }
            }
        }

        foreach (var channel in recording.Channels)
        {
            adapters.TryAdd(channel, recording);
        }
    }

    public IChannelAdapter For(string channel) =>
        adapters.TryGetValue(channel, out var adapter) ? adapter : throw new ArgumentException($"'{channel}' is not a channel ({ChannelNames.List}).", nameof(channel));
}
