using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Onboarding.Reports;

/// <summary>
/// What one committed batch of steps adds to the report's aggregates, written in that batch's
/// transaction and waiting for <see cref="ReportProjector"/> to add it to
/// <see cref="FunnelReportCell"/>s. Appending one row keeps step recording free of the report's
/// hottest rows (every new client touches today's "registered" cells).
/// </summary>
public sealed class PendingReportIncrement
{
    public long Id { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    public required string[] Funnels { get; init; }

    public required string[] Dimensions { get; init; }

    public required DateOnly[] CohortDates { get; init; }

    public required string[] SliceKeys { get; init; }

    public required string[] Steps { get; init; }

    public required long[] Entered { get; init; }

    public required long[] Completed { get; init; }

    public required long[] DurationRows { get; init; }

    public required short[] DurationBuckets { get; init; }

    public required long[] DurationClients { get; init; }

    public CellColumns ToColumns() =>
        new(Funnels, Dimensions, CohortDates, SliceKeys, Steps, Entered, Completed, DurationRows, DurationBuckets, DurationClients);
}

internal sealed class PendingReportIncrementConfiguration : IEntityTypeConfiguration<PendingReportIncrement>
{
    public void Configure(EntityTypeBuilder<PendingReportIncrement> increment)
    {
        increment.ToTable("funnel_report_increments");
        increment.HasKey(i => i.Id);
        increment.Property(i => i.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        increment.Property(i => i.RecordedAt).HasColumnName("recorded_at");
        increment.Property(i => i.Funnels).HasColumnName("funnels");
        increment.Property(i => i.Dimensions).HasColumnName("dimensions");
        increment.Property(i => i.CohortDates).HasColumnName("cohort_dates");
        increment.Property(i => i.SliceKeys).HasColumnName("slice_keys");
        increment.Property(i => i.Steps).HasColumnName("steps");
        increment.Property(i => i.Entered).HasColumnName("entered");
        increment.Property(i => i.Completed).HasColumnName("completed");
        increment.Property(i => i.DurationRows).HasColumnName("duration_rows");
        increment.Property(i => i.DurationBuckets).HasColumnName("duration_buckets");
        increment.Property(i => i.DurationClients).HasColumnName("duration_clients");
    }
}
