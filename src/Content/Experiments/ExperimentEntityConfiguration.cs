using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.ServiceDefaults.Validation;

namespace Platform.Content.Experiments;

internal sealed class ExperimentConfiguration : IEntityTypeConfiguration<Experiment>
{
    public void Configure(EntityTypeBuilder<Experiment> experiment)
    {
        experiment.ToTable("experiments");
        experiment.HasKey(e => e.Key);
        experiment.Property(e => e.Key).HasColumnName("key").HasMaxLength(64);
        experiment.Property(e => e.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(16);
        experiment.Property(e => e.Variants).HasColumnName("variants").HasColumnType("jsonb")
            .HasConversion(
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Web),
                json => JsonSerializer.Deserialize<List<ExperimentVariant>>(json, JsonSerializerOptions.Web) ?? new List<ExperimentVariant>(),
                new ValueComparer<IReadOnlyList<ExperimentVariant>>((a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList()));
        experiment.Property(e => e.ConversionWindow).HasColumnName("conversion_window");
        experiment.Property(e => e.StoppedAt).HasColumnName("stopped_at");
        experiment.Property(e => e.Version).HasColumnName("version").IsConcurrencyToken();
        experiment.Property(e => e.UpdatedAt).HasColumnName("updated_at");
    }
}

internal sealed class ExperimentAssignmentConfiguration : IEntityTypeConfiguration<ExperimentAssignment>
{
    public void Configure(EntityTypeBuilder<ExperimentAssignment> assignment)
    {
        assignment.ToTable("experiment_assignments");
        assignment.HasKey(a => new { a.ClientId, a.ExperimentKey });
        assignment.Property(a => a.ExperimentKey).HasColumnName("experiment_key").HasMaxLength(64);
        assignment.Property(a => a.ClientId).HasColumnName("client_id").HasMaxLength(ClientIds.MaxLength);
        assignment.Property(a => a.Variant).HasColumnName("variant").HasMaxLength(32);
        assignment.Property(a => a.AssignedAt).HasColumnName("assigned_at");
    }
}

internal sealed class ExperimentExposureConfiguration : IEntityTypeConfiguration<ExperimentExposure>
{
    public void Configure(EntityTypeBuilder<ExperimentExposure> exposure)
    {
        exposure.ToTable("experiment_exposures");
        exposure.HasKey(e => new { e.ExperimentKey, e.ClientId });
        exposure.Property(e => e.ExperimentKey).HasColumnName("experiment_key").HasMaxLength(64);
        exposure.Property(e => e.ClientId).HasColumnName("client_id").HasMaxLength(ClientIds.MaxLength);
        exposure.Property(e => e.Variant).HasColumnName("variant").HasMaxLength(32);
        exposure.Property(e => e.ItemId).HasColumnName("item_id").HasMaxLength(64);
        exposure.Property(e => e.FirstExposedAt).HasColumnName("first_exposed_at");
        exposure.Property(e => e.ConvertedAt).HasColumnName("converted_at");
    }
}

internal sealed class ExperimentConversionConfiguration : IEntityTypeConfiguration<ExperimentConversion>
{
    public void Configure(EntityTypeBuilder<ExperimentConversion> conversion)
    {
        conversion.ToTable("experiment_conversions");
        // Per client and experiment: an event id another client happens to reuse is that client's own conversion, and one
        // business event (a first deposit) may be the goal of several experiments, each counting it.
        conversion.HasKey(c => new { c.ClientId, c.ExperimentKey, c.EventId });
        conversion.Property(c => c.EventId).HasColumnName("event_id");
        conversion.Property(c => c.ClientId).HasColumnName("client_id").HasMaxLength(ClientIds.MaxLength);
        conversion.Property(c => c.ExperimentKey).HasColumnName("experiment_key").HasMaxLength(64);
        conversion.Property(c => c.OccurredAt).HasColumnName("occurred_at");
        conversion.Property(c => c.ReportedAt).HasColumnName("reported_at");
        conversion.Property(c => c.ReceivedAt).HasColumnName("received_at");
        conversion.HasIndex(c => new { c.ExperimentKey, c.ClientId, c.OccurredAt });
    }
}

internal sealed class ExperimentCountConfiguration : IEntityTypeConfiguration<ExperimentCount>
{
    public void Configure(EntityTypeBuilder<ExperimentCount> count)
    {
        count.ToTable("experiment_counts");
        count.HasKey(c => new { c.ExperimentKey, c.Variant, c.Slot });
        count.Property(c => c.ExperimentKey).HasColumnName("experiment_key").HasMaxLength(64);
        count.Property(c => c.Variant).HasColumnName("variant").HasMaxLength(32);
        count.Property(c => c.Slot).HasColumnName("slot");
        count.Property(c => c.Exposures).HasColumnName("exposures");
        count.Property(c => c.Conversions).HasColumnName("conversions");
    }
}
