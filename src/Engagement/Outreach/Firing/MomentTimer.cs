using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Engagement.Outreach.Firing;

/// <summary>
/// A rule waiting in the database: an absence ("A and no B within T": fires at <see cref="DueAt"/> unless an ending event
/// of the client came after <see cref="StartedAt"/>), a schedule (the anniversary: fires at <see cref="DueAt"/>, then
/// again every period from <see cref="AnchorAt"/>; a maturity 3 days ahead), or an anchored schedule (one-off, anchored on
/// a client field that moves: no login for 30 days, idle cash for 5). Claimed with FOR UPDATE SKIP LOCKED by
/// <see cref="MomentTimerWorker"/> on any replica; one pending absence per rule and client (a later trigger does not start
/// a second wait), one schedule per instance, one anchored schedule per rule and client.
/// </summary>
public sealed class MomentTimer
{
    public const string Absence = "absence";
    public const string Schedule = "schedule";

    /// <summary>
    /// A one-off schedule anchored on a client field (<c>client.disengagedAt</c>, <c>client.idleCashSince</c>). Such an
    /// anchor moves on with most events (every login moves the no-login time), and rewriting the timer each time was most of
    /// the consumer's database work. So the timer is lazy: it stays at the earliest time it may fire, and when it falls due on
    /// an anchor that has moved later the worker sets it again from the field's value then. A trigger writes only when no
    /// timer is pending or when the anchor moved earlier (assets halved before the no-login date).
    /// </summary>
    public const string Anchored = "anchored";

    public long Id { get; init; }

    public required string Kind { get; init; }

    public required string RuleKey { get; init; }

    public int RuleVersion { get; init; }

    public required string ClientId { get; init; }

    /// <summary>The instance it fires (its business key from the trigger, or for a schedule from its due time).</summary>
    public required string InstanceKey { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset DueAt { get; init; }

    /// <summary>A schedule's anchor (the approval for the anniversary), from which every later occurrence is counted.</summary>
    public DateTimeOffset? AnchorAt { get; init; }

    public Guid? TriggerEventId { get; init; }

    /// <summary>The channel the action and its escalations chose on the trigger.</summary>
    public required string Channel { get; init; }

    public int Priority { get; init; }

    public string? ContentValues { get; init; }
}

internal sealed class MomentTimerConfiguration : IEntityTypeConfiguration<MomentTimer>
{
    public void Configure(EntityTypeBuilder<MomentTimer> timer)
    {
        timer.ToTable("moment_timers");
        timer.HasKey(t => t.Id);
        timer.Property(t => t.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        timer.Property(t => t.Kind).HasColumnName("kind").HasMaxLength(10);
        timer.Property(t => t.RuleKey).HasColumnName("rule_key").HasMaxLength(40);
        timer.Property(t => t.RuleVersion).HasColumnName("rule_version");
        timer.Property(t => t.ClientId).HasColumnName("client_id").HasMaxLength(64);
        timer.Property(t => t.InstanceKey).HasColumnName("instance_key").HasMaxLength(OutreachInstance.MaxKeyLength);
        timer.Property(t => t.StartedAt).HasColumnName("started_at");
        timer.Property(t => t.DueAt).HasColumnName("due_at");
        timer.Property(t => t.AnchorAt).HasColumnName("anchor_at");
        timer.Property(t => t.TriggerEventId).HasColumnName("trigger_event_id");
        timer.Property(t => t.Channel).HasColumnName("channel").HasMaxLength(20);
        timer.Property(t => t.Priority).HasColumnName("priority");
        timer.Property(t => t.ContentValues).HasColumnName("content_values").HasColumnType("jsonb");
        timer.HasIndex(t => t.DueAt);
        // Two indexes on the same columns with different filters: named, or EF Core would take them for one.
        timer.HasIndex(t => new { t.RuleKey, t.ClientId }, "ux_moment_timers_absence").IsUnique().HasFilter("kind = 'absence'");
        timer.HasIndex(t => t.InstanceKey).IsUnique().HasFilter("kind = 'schedule'").HasDatabaseName("ux_moment_timers_schedule");
        timer.HasIndex(t => new { t.RuleKey, t.ClientId }, "ux_moment_timers_anchored").IsUnique().HasFilter("kind = 'anchored'");
        // By client, then due time: the goal events' probe ("a timer of this moment due before the event": GoalEvents) is a
        // range of the index, where by client alone it read every pending timer of the client (M16's, M09's, ...) from the heap.
        timer.HasIndex(t => new { t.ClientId, t.DueAt });
    }
}
