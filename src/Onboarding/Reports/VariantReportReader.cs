using Microsoft.EntityFrameworkCore;
using Platform.Onboarding.Funnel;
using Platform.Onboarding.Variants;

namespace Platform.Onboarding.Reports;

/// <summary>
/// The report by experiment variant. The step path does not know variants (it must not read them per step): the
/// aggregates' variant slice counts every client under <see cref="ReportContribution.NoVariant"/>. Here, in the
/// caller's snapshot, each exposed client's contribution is moved from "none" to each of its variants (one group per
/// experiment and variant, see <see cref="VariantKeys"/>), exactly the change the step path would have made had it
/// known them. The pending increments the projector has not applied yet are added too, so the moved contributions
/// (from the clients' current rows) and the aggregates agree: no group ever shows a step a client reached twice,
/// or minus one. Costs one read of the exposed clients of the range, not of the whole step history.
/// </summary>
public sealed class VariantReportReader(OnboardingDbContext db, FunnelDefinitionStore definitions)
{
    /// <summary>Reads the report; the caller holds one repeatable-read snapshot for all of it.</summary>
    public async Task<FunnelReport> ReadAsync(FunnelDefinition definition, CohortRange range, CancellationToken cancellationToken)
    {
        var (first, last) = (range.First ?? DateOnly.MinValue, range.Last ?? DateOnly.MaxValue);
        var stored = await db.Set<FunnelReportCell>().AsNoTracking()
            .Where(c => c.Funnel == definition.Name && c.Dimension == ReportDimensions.Variant && c.CohortDate >= first && c.CohortDate <= last)
            .ToListAsync(cancellationToken);
        var pending = await PendingCellsAsync(definition.Name, first, last, cancellationToken);
        var moves = await MovesAsync(definition.Name, range, cancellationToken);

        var sum = ReportDelta.Sum(stored.Select(ToIncrement)
            .Concat(pending.SelectMany(p => p.ToColumns().ToCells()))
            .Concat(ReportDelta.Of(moves).Cells));
        var cells = sum.Cells
            .GroupBy(c => (c.Key.SliceKey, c.Key.Step))
            .Select(g => new CellSum(g.Key.SliceKey, g.Key.Step, g.Sum(c => c.Value.Entered), g.Sum(c => c.Value.Completed)));
        var durations = sum.Cells
            .SelectMany(c => c.Value.Durations.Select(d => (c.Key.SliceKey, c.Key.Step, Bucket: d.Key, Clients: d.Value)))
            .GroupBy(d => (d.SliceKey, d.Step, d.Bucket))
            .Select(g => new DurationSum(g.Key.SliceKey, g.Key.Step, g.Key.Bucket, g.Sum(d => d.Clients)));
        return FunnelReport.Build(definition, ReportGrouping.Variant, cells, durations);
    }

    /// <summary>
    /// The pending increments' cells of this report only (its funnel, the variant dimension, the range's cohorts), each as a
    /// one-cell increment with its durations: every batch of steps appends cells of every dimension and funnel, and while the
    /// projector is behind (an outage) the table can be large, so it is not read whole.
    /// </summary>
    private Task<List<PendingReportIncrement>> PendingCellsAsync(string funnel, DateOnly first, DateOnly last, CancellationToken cancellationToken) =>
        db.Set<PendingReportIncrement>().FromSql(
            $$"""
            SELECT i.id, i.recorded_at, ARRAY[c.funnel] AS funnels, ARRAY[c.dimension] AS dimensions, ARRAY[c.cohort_date] AS cohort_dates,
                ARRAY[c.slice_key] AS slice_keys, ARRAY[c.step] AS steps, ARRAY[c.entered] AS entered, ARRAY[c.completed] AS completed,
                COALESCE(d.cells, '{}') AS duration_rows, COALESCE(d.buckets, '{}') AS duration_buckets, COALESCE(d.clients, '{}') AS duration_clients
            FROM funnel_report_increments i
            CROSS JOIN LATERAL unnest(i.funnels, i.dimensions, i.cohort_dates, i.slice_keys, i.steps, i.entered, i.completed)
                WITH ORDINALITY AS c(funnel, dimension, cohort_date, slice_key, step, entered, completed, cell)
            CROSS JOIN LATERAL (
                -- The cell's durations, renumbered to the one cell they now belong to.
                SELECT array_agg(1::bigint) AS cells, array_agg(u.bucket) AS buckets, array_agg(u.clients) AS clients
                FROM unnest(i.duration_rows, i.duration_buckets, i.duration_clients) AS u(cell, bucket, clients)
                WHERE u.cell = c.cell) d
            WHERE c.funnel = {{funnel}} AND c.dimension = {{ReportDimensions.Variant}} AND c.cohort_date BETWEEN {{first}} AND {{last}}
            """)
            .AsNoTracking().ToListAsync(cancellationToken);

    /// <summary>Each exposed client of the range: its contribution out of "none", into each of its variants.</summary>
    private async Task<List<ReportChange>> MovesAsync(string funnel, CohortRange range, CancellationToken cancellationToken)
    {
        // Cohorts are whole Shanghai days of registration: the same bounds as the aggregates' cohort dates.
        var (from, to) = range.Bounds;
        var inRange = db.ClientFunnels.AsNoTracking().Where(f => f.Funnel == funnel);
        if (from is { } start)
        {
            var utc = start.ToUniversalTime();
            inRange = inRange.Where(f => f.RegisteredAt >= utc);
        }

        if (to is { } end)
        {
            var utc = end.ToUniversalTime();
            inRange = inRange.Where(f => f.RegisteredAt < utc);
        }

        var exposedIds = db.Set<ClientVariant>().Select(v => v.ClientId);
        var clients = await inRange.Where(f => exposedIds.Contains(f.ClientId)).AsSplitQuery().ToListAsync(cancellationToken);
        var variants = (await db.Set<ClientVariant>().AsNoTracking().Where(v => inRange.Any(f => f.ClientId == v.ClientId))
            .ToListAsync(cancellationToken)).ToLookup(v => v.ClientId, StringComparer.Ordinal);

        var moves = new List<ReportChange>(clients.Count);
        foreach (var client in clients)
        {
            // The client's own version, as the step path computed what it added.
            var definition = await definitions.GetAsync(client.Funnel, client.FunnelVersion, cancellationToken)
                ?? throw new InvalidOperationException($"Funnel {client.Funnel} v{client.FunnelVersion} is missing.");
            var contribution = ReportContribution.Of(client, definition);
            moves.Add(new ReportChange(
                contribution with { Slices = [ReportContribution.NoVariantSlice] },
                contribution with { Slices = [.. variants[client.ClientId].Select(v => new ReportSlice(ReportDimensions.Variant, v.SliceKey))] }));
        }

        return moves;
    }

    private static KeyValuePair<CellKey, CellDelta> ToIncrement(FunnelReportCell cell) => KeyValuePair.Create(
        new CellKey(cell.Funnel, cell.Dimension, cell.CohortDate, cell.SliceKey, cell.Step),
        new CellDelta(cell.Entered, cell.Completed, cell.DurationBuckets.Zip(cell.DurationCounts).ToDictionary(d => d.First, d => d.Second)));
}
