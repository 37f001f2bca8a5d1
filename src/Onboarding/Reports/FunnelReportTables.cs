using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Onboarding.Reports;

/// <summary>
/// Clients of one cohort day and slice at one step: how many reached it, how many of those reached
/// a later step, and a histogram of their seconds from the previous step (sparse: the buckets of
/// <see cref="Reports.DurationBuckets"/> in use, ascending, with their counts). Maintained by
/// <see cref="FunnelReportProjection"/>, never rebuilt from step history.
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

    public short[] DurationBuckets { get; init; } = [];

    public long[] DurationCounts { get; init; } = [];
}

internal sealed class FunnelReportCellConfiguration : IEntityTypeConfiguration<FunnelReportCell>
{
    public void Configure(EntityTypeBuilder<FunnelReportCell> cell)
    {
        cell.ToTable("funnel_report_cells");

        // Column order serves the report's query: funnel and dimension by equality, then a range of days.
        cell.HasKey(c => new { c.Funnel, c.Dimension, c.CohortDate, c.SliceKey, c.Step });
        cell.Property(c => c.Funnel).HasColumnName("funnel").HasMaxLength(64);
        cell.Property(c => c.Dimension).HasColumnName("dimension").HasMaxLength(32);
        cell.Property(c => c.CohortDate).HasColumnName("cohort_date");
        cell.Property(c => c.SliceKey).HasColumnName("slice_key").HasMaxLength(128);
        cell.Property(c => c.Step).HasColumnName("step").HasMaxLength(32);
        cell.Property(c => c.Entered).HasColumnName("entered");
        cell.Property(c => c.Completed).HasColumnName("completed");
        cell.Property(c => c.DurationBuckets).HasColumnName("duration_buckets").HasDefaultValueSql("'{}'");
        cell.Property(c => c.DurationCounts).HasColumnName("duration_counts").HasDefaultValueSql("'{}'");
    }
}
