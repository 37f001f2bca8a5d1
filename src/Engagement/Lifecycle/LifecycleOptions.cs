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

    /// <summary>
    /// Client states a replica keeps in memory after writing them (<see cref="ClientStateCache"/>; 0 keeps none): a batch over a
    /// client whose state is cached at its current version does not read it again. A few hundred bytes to a few KB each.
    /// </summary>
    public int StateCacheSize { get; set; } = 200_000;
}
