using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Onboarding.Reports;

/// <summary>
/// Clients of one cohort day and slice at one step: how many reached it, and how many of those
/// reached a later step. Maintained by <see cref="FunnelReportProjection"/>, never from step history.
/// </summary>
public sealed class FunnelReportCell
{
    public required string Funnel { get; init; }

    public required string Dimension { get; init; }

    public DateOnly CohortDate { get; init; }

    public required string SliceKey { get; init; }

    public required string Step { get; init; }

    public long Entered { get; init; }

    public long Completed { get; init; }
}

/// <summary>How many clients of one cohort day and slice took a duration of one <see cref="DurationBuckets"/> bucket from the previous step.</summary>
public sealed class FunnelReportDuration
{
    public required string Funnel { get; init; }

    public required string Dimension { get; init; }

    public DateOnly CohortDate { get; init; }

    public required string SliceKey { get; init; }

    public required string Step { get; init; }

    public short Bucket { get; init; }

    public long Clients { get; init; }
}

// The key's column order serves the report's query: funnel and dimension by equality, then a range of days.
internal sealed class FunnelReportCellConfiguration : IEntityTypeConfiguration<FunnelReportCell>
{
    public void Configure(EntityTypeBuilder<FunnelReportCell> cell)
    {
        cell.ToTable("funnel_report_cells");
        cell.HasKey(c => new { c.Funnel, c.Dimension, c.CohortDate, c.SliceKey, c.Step });
        cell.Property(c => c.Funnel).HasColumnName("funnel").HasMaxLength(64);
        cell.Property(c => c.Dimension).HasColumnName("dimension").HasMaxLength(32);
        cell.Property(c => c.CohortDate).HasColumnName("cohort_date");
        cell.Property(c => c.SliceKey).HasColumnName("slice_key").HasMaxLength(128);
        cell.Property(c => c.Step).HasColumnName("step").HasMaxLength(32);
        cell.Property(c => c.Entered).HasColumnName("entered");
        cell.Property(c => c.Completed).HasColumnName("completed");
    }
}

internal sealed class FunnelReportDurationConfiguration : IEntityTypeConfiguration<FunnelReportDuration>
{
    public void Configure(EntityTypeBuilder<FunnelReportDuration> duration)
    {
        duration.ToTable("funnel_report_durations");
        duration.HasKey(d => new { d.Funnel, d.Dimension, d.CohortDate, d.SliceKey, d.Step, d.Bucket });
        duration.Property(d => d.Funnel).HasColumnName("funnel").HasMaxLength(64);
        duration.Property(d => d.Dimension).HasColumnName("dimension").HasMaxLength(32);
        duration.Property(d => d.CohortDate).HasColumnName("cohort_date");
        duration.Property(d => d.SliceKey).HasColumnName("slice_key").HasMaxLength(128);
        duration.Property(d => d.Step).HasColumnName("step").HasMaxLength(32);
        duration.Property(d => d.Bucket).HasColumnName("bucket");
        duration.Property(d => d.Clients).HasColumnName("clients");
    }
}
