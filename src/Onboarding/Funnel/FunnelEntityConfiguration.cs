using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.ServiceDefaults.Validation;

namespace Platform.Onboarding.Funnel;

internal sealed class ClientFunnelConfiguration : IEntityTypeConfiguration<ClientFunnel>
{
    public void Configure(EntityTypeBuilder<ClientFunnel> funnel)
    {
        funnel.ToTable("client_funnels");
        funnel.HasKey(f => f.ClientId);
        funnel.Property(f => f.ClientId).HasColumnName("client_id").HasMaxLength(ClientIds.MaxLength);
        funnel.Property(f => f.Funnel).HasColumnName("funnel").HasMaxLength(64);
        funnel.Property(f => f.FunnelVersion).HasColumnName("funnel_version");
        funnel.Property(f => f.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(32);
        funnel.Property(f => f.CurrentStep).HasColumnName("current_step").HasConversion<string>().HasMaxLength(32);
        funnel.Property(f => f.Channel).HasColumnName("channel").HasMaxLength(64);
        funnel.Property(f => f.Campaign).HasColumnName("campaign").HasMaxLength(128);
        funnel.Property(f => f.RiskLevel).HasColumnName("risk_level").HasMaxLength(2);
        funnel.Property(f => f.RiskAssessedAt).HasColumnName("risk_assessed_at");
        funnel.Property(f => f.RegisteredAt).HasColumnName("registered_at");
        funnel.Property(f => f.LastActivityAt).HasColumnName("last_activity_at");
        funnel.Property(f => f.StalledSince).HasColumnName("stalled_since");
        funnel.Property(f => f.Resubmissions).HasColumnName("resubmissions");
        funnel.Property(f => f.RejectedAt).HasColumnName("rejected_at");
        funnel.Property(f => f.LastSubmittedAt).HasColumnName("last_submitted_at");
        funnel.Property(f => f.InRework).HasColumnName("in_rework");
        funnel.Property(f => f.StallLevel).HasColumnName("stall_level");
        funnel.Property(f => f.ApprovedAt).HasColumnName("approved_at");
        funnel.Property(f => f.FundedAt).HasColumnName("funded_at");
        funnel.Property(f => f.DormantAt).HasColumnName("dormant_at");
        // Set by the database (default 1, the trigger client_funnels_version on every update); EF reads it back after each save.
        funnel.Property(f => f.Version).HasColumnName("version").HasDefaultValue(1L).ValueGeneratedOnAddOrUpdate();
        funnel.Ignore(f => f.CanStall);

        // A step counts once per client: the key of the reached-steps table is (client, step).
        funnel.OwnsMany(f => f.Reached, reached =>
        {
            reached.ToTable("funnel_steps");
            reached.WithOwner().HasForeignKey("ClientId");
            reached.Property<string>("ClientId").HasColumnName("client_id").HasMaxLength(ClientIds.MaxLength);
            reached.Property(r => r.Step).HasColumnName("step").HasConversion<string>().HasMaxLength(32);
            reached.HasKey("ClientId", nameof(ReachedStep.Step));
            reached.Property(r => r.OccurredAt).HasColumnName("occurred_at");
            reached.Property(r => r.EventId).HasColumnName("event_id");
        });
        funnel.Navigation(f => f.Reached).HasField("reached").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class RecordedStepEventConfiguration : IEntityTypeConfiguration<RecordedStepEvent>
{
    public void Configure(EntityTypeBuilder<RecordedStepEvent> recorded)
    {
        recorded.ToTable("recorded_step_events");
        // Per client: an event id another client happens to use is that client's own event, never a replay.
        recorded.HasKey(r => new { r.ClientId, r.EventId });
        recorded.Property(r => r.EventId).HasColumnName("event_id");
        recorded.Property(r => r.ClientId).HasColumnName("client_id").HasMaxLength(ClientIds.MaxLength);
        recorded.Property(r => r.Status).HasColumnName("status").HasMaxLength(32);
        recorded.Property(r => r.CurrentStep).HasColumnName("current_step").HasMaxLength(32);
        recorded.Property(r => r.NextStep).HasColumnName("next_step").HasMaxLength(32);
        recorded.Property(r => r.RecordedAt).HasColumnName("recorded_at");
    }
}
