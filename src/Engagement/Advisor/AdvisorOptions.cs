namespace Platform.Engagement.Advisor;

public sealed class AdvisorOptions
{
    public const string SectionName = "Engagement:Advisor";

    /// <summary>How often each replica counts open and overdue tasks for its gauges (one indexed count of open tasks).</summary>
    public TimeSpan CountInterval { get; set; } = TimeSpan.FromSeconds(30);
}
