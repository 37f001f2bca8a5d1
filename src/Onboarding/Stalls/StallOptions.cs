namespace Platform.Onboarding.Stalls;

/// <summary>Section <c>Onboarding:Timers</c>. The thresholds themselves belong to the funnel definition.</summary>
public sealed class StallOptions
{
    /// <summary>How often a replica looks for due timers; a timer fires at most this late.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Timers fired per transaction.</summary>
    public int BatchSize { get; set; } = 200;
}
