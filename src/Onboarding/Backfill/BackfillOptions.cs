namespace Platform.Onboarding.Backfill;

/// <summary>Section <c>Onboarding:Backfill</c>.</summary>
public sealed class BackfillOptions
{
    /// <summary>
    /// Most funnels a backfill writes in one transaction, holding their clients' locks: small enough that
    /// a step for one of them waits a moment, not seconds.
    /// </summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>How long to wait before trying a backfill again after it failed (the database away, say).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
