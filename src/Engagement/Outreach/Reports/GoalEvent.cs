using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Engagement.Outreach.Reports;

/// <summary>
/// An event some moment's goal names (<see cref="MomentGoals"/>), kept for the uplift: who did it and when. Only the
/// name and the time: the report asks "did this client do X within the window after the moment fired".
/// </summary>
public sealed class GoalEvent
{
    public required string ClientId { get; init; }

    /// <summary><c>&lt;topic prefix&gt;.&lt;type&gt;</c>, e.g. activity.deposit.</summary>
    public required string EventName { get; init; }

    public DateTimeOffset OccurredAt { get; init; }
}

internal sealed class GoalEventConfiguration : IEntityTypeConfiguration<GoalEvent>
{
    public void Configure(EntityTypeBuilder<GoalEvent> goal)
    {
        goal.ToTable("outreach_goal_events");
        // The key is the report's lookup (a client's events of a name after a time), and makes a replayed event no second row.
        goal.HasKey(g => new { g.ClientId, g.EventName, g.OccurredAt });
        goal.Property(g => g.ClientId).HasColumnName("client_id").HasMaxLength(64);
        goal.Property(g => g.EventName).HasColumnName("event_name").HasMaxLength(60);
        goal.Property(g => g.OccurredAt).HasColumnName("occurred_at");
    }
}
