namespace Platform.Engagement.Outreach.Reports;

/// <summary>What counts as a moment having worked: one of <paramref name="Events"/> within <paramref name="Window"/> after it fired.</summary>
public sealed record MomentGoal(IReadOnlyList<string> Events, TimeSpan Window)
{
    /// <summary>The report's <c>goal</c>: the event names, joined by " or ".</summary>
    public string Description => string.Join(" or ", Events);
}
