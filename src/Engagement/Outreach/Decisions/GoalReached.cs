namespace Platform.Engagement.Outreach.Decisions;

/// <summary>One row of <see cref="GoalsSinceFiring"/>'s query (the query aliases its columns to these names).</summary>
public sealed class GoalReached
{
    public required string InstanceKey { get; init; }

    public DateTimeOffset ReachedAt { get; init; }
}
