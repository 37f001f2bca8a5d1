namespace Platform.Engagement.Channels;

/// <summary>Engagement:Channels:&lt;channel&gt;:Webhook: where a real provider takes one channel's messages.</summary>
public sealed class WebhookOptions
{
    /// <summary>The provider's endpoint; absent: the channel is recorded locally (<see cref="RecordingChannelAdapter"/>).</summary>
    public Uri? Url { get; set; }

    /// <summary>The HMAC-SHA256 key of the body's signature; required with a URL.</summary>
    public string? Secret { get; set; }

    /// <summary>One attempt's limit.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries after the first attempt, on a timeout, a 5xx, a 408 or a 429.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's delay; each next one doubles it (with jitter).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>All attempts and delays together may take at most this long.</summary>
    public TimeSpan TotalTimeout => (AttemptTimeout * (MaxRetries + 1)) + (RetryDelay * ((1 << Math.Min(MaxRetries, 16)) * 2));
}
