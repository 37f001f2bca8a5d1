using System.Data;
using Microsoft.EntityFrameworkCore;
using Platform.Onboarding.Funnel;

namespace Platform.Onboarding.Reports;

/// <summary>
/// Reads the report from the aggregates: one index range over days x slices x steps rows, read
/// for the counts and again for the histograms, never the step history. By variant, the exposed clients' rows as
/// well (<see cref="VariantReportReader"/>).
/// </summary>
public sealed class FunnelReportReader(OnboardingDbContext db, VariantReportReader variants)
{
    public async Task<FunnelReport> ReadAsync(FunnelDefinition definition, ReportGrouping grouping, CohortRange range,
        CancellationToken cancellationToken)
    {
        if (range.IsEmpty)
        {
            return FunnelReport.Build(definition, grouping, [], []);
        }

        var (funnel, dimension, byCohort) = (definition.Name, grouping.Dimension(), grouping == ReportGrouping.Cohort);
        var (first, last) = (range.First ?? DateOnly.MinValue, range.Last ?? DateOnly.MaxValue);

        // One snapshot for counts and durations.
        await using var snapshot = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        if (grouping == ReportGrouping.Variant)
        {
            return await variants.ReadAsync(definition, range, cancellationToken);
        }

        var cells = await db.Database.SqlQuery<CellSum>($"""
            SELECT CASE WHEN {byCohort} THEN to_char(cohort_date, 'YYYY-MM-DD') ELSE slice_key END AS "GroupKey", step AS "Step",
                   sum(entered)::bigint AS "Entered", sum(completed)::bigint AS "Completed"
            FROM funnel_report_cells
            WHERE funnel = {funnel} AND dimension = {dimension} AND cohort_date BETWEEN {first} AND {last}
            GROUP BY 1, 2
            """).ToListAsync(cancellationToken);
        var durations = await db.Database.SqlQuery<DurationSum>($"""
            SELECT CASE WHEN {byCohort} THEN to_char(c.cohort_date, 'YYYY-MM-DD') ELSE c.slice_key END AS "GroupKey", c.step AS "Step",
                   h.bucket AS "Bucket", sum(h.clients)::bigint AS "Clients"
            FROM funnel_report_cells c CROSS JOIN LATERAL unnest(c.duration_buckets, c.duration_counts) AS h(bucket, clients)
            WHERE c.funnel = {funnel} AND c.dimension = {dimension} AND c.cohort_date BETWEEN {first} AND {last}
            GROUP BY 1, 2, 3
            """).ToListAsync(cancellationToken);
        return FunnelReport.Build(definition, grouping, cells, durations);
    }
}
