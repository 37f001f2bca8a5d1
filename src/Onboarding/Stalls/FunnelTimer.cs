using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Onboarding.Funnel;
using Platform.ServiceDefaults.Validation;

namespace Platform.Onboarding.Stalls;

public enum TimerKind
{
    /// <summary>Breakpoint recall: no progress for the next stall threshold.</summary>
    Stall = 1,

    /// <summary>Approved, and the dormant window closes without a first deposit.</summary>
    Dormant = 2,
}

/// <summary>
/// A durable timer: one row per client and kind, replaced when rescheduled, deleted when it
/// fires. Workers claim due rows with FOR UPDATE SKIP LOCKED, so timers survive restarts and
/// fire once however many replicas run.
/// </summary>
public sealed class FunnelTimer
{
    public required string ClientId { get; init; }

    public TimerKind Kind { get; init; }

    /// <summary>The stall level this timer fires (1 for the first threshold).</summary>
    public int Level { get; init; }

    public DateTimeOffset DueAt { get; init; }

    /// <summary>The last activity the timer was scheduled from; a newer activity makes it stale.</summary>
    public DateTimeOffset EpisodeStartedAt { get; init; }
}

internal sealed class FunnelTimerConfiguration : IEntityTypeConfiguration<FunnelTimer>
{
    public void Configure(EntityTypeBuilder<FunnelTimer> timer)
    {
        timer.ToTable("funnel_timers");
        timer.HasKey(t => new { t.ClientId, t.Kind });
        timer.Property(t => t.ClientId).HasColumnName("client_id").HasMaxLength(ClientIds.MaxLength);
        timer.Property(t => t.Kind).HasColumnName("kind");
        timer.Property(t => t.Level).HasColumnName("level");
        timer.Property(t => t.DueAt).HasColumnName("due_at");
        timer.Property(t => t.EpisodeStartedAt).HasColumnName("episode_started_at");
        timer.HasIndex(t => t.DueAt);
    }
}
