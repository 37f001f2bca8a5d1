namespace Platform.Engagement.Outreach.Firing;

public sealed class FiringOptions
{
    public const string SectionName = "Engagement:Firing";

    /// <summary>How long a replica with no due wait or schedule waits before looking again.</summary>
    public TimeSpan TimerPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Waits and schedules fired per transaction.</summary>
    public int TimerBatchSize { get; set; } = 500;
}
