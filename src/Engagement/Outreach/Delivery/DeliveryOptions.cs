namespace Platform.Engagement.Outreach.Delivery;

/// <summary>Engagement:Delivery: how the queue of outreach deliveries is drained.</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Engagement:Delivery";

    /// <summary>Attempts in all (each may itself be the adapter's retries); past them the delivery is failed.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Deliveries a worker claims per round.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Sends of one round running at once.</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>The pause after a round that did not fill its batch.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a claimed delivery is left to its worker before another may claim it again (the worker stopped or
    /// crashed): longer than an adapter's send with all its retries (a webhook's TotalTimeout), or a slow send is sent twice.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The wait after the first transient failure; doubled after each next one, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1 after <paramref name="attempts"/> failed.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var doubled = RetryDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        return doubled >= MaxRetryDelay.TotalMilliseconds ? MaxRetryDelay : TimeSpan.FromMilliseconds(doubled);
    }
}
