namespace Platform.Engagement.Lifecycle;

/// <summary>Section <c>Engagement:Lifecycle</c>.</summary>
public sealed class LifecycleOptions
{
    /// <summary>CNY of cash at or above which a snapshot day counts toward the idle-cash days.</summary>
    public decimal IdleCashThreshold { get; set; } = 50_000m;

    /// <summary>How often a replica looks for clients whose stage time may have changed; a change is published at most this late.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Clients settled per sweeper transaction.</summary>
    public int SweepBatchSize { get; set; } = 500;
}
