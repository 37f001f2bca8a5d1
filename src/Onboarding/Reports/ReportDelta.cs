using Platform.Onboarding.Funnel;

namespace Platform.Onboarding.Reports;

/// <summary>A change of one client's progress, as the report sees it; <see cref="Before"/> is null for a new client.</summary>
public readonly record struct ReportChange(ReportContribution? Before, ReportContribution After);

/// <summary>One aggregate row: a cohort day, a slice and a step of a funnel.</summary>
public readonly record struct CellKey(string Funnel, string Dimension, DateOnly CohortDate, string SliceKey, string Step);

/// <summary>Increments of one aggregate row; <see cref="Durations"/> maps a duration bucket to its increment.</summary>
public sealed record CellDelta(long Entered, long Completed, IReadOnlyDictionary<short, long> Durations);

/// <summary>
/// The net increments that changes make to the aggregates: after - before, merged per row, zero
/// increments dropped, rows in one fixed order, so that concurrent transactions lock rows in the
/// same order and cannot deadlock.
/// </summary>
public sealed class ReportDelta
{
    private readonly Dictionary<CellKey, (long Entered, long Completed, SortedDictionary<short, long> Durations)> cells = [];

    private ReportDelta()
    {
    }

    public IReadOnlyList<KeyValuePair<CellKey, CellDelta>> Cells =>
        cells.Select(c => KeyValuePair.Create(c.Key, new CellDelta(c.Value.Entered, c.Value.Completed,
                c.Value.Durations.Where(d => d.Value != 0).ToDictionary())))
            .Where(c => c.Value.Entered != 0 || c.Value.Completed != 0 || c.Value.Durations.Count > 0)
            .OrderBy(c => c.Key.Funnel, StringComparer.Ordinal)
            .ThenBy(c => c.Key.Dimension, StringComparer.Ordinal)
            .ThenBy(c => c.Key.CohortDate)
            .ThenBy(c => c.Key.SliceKey, StringComparer.Ordinal)
            .ThenBy(c => c.Key.Step, StringComparer.Ordinal)
            .ToList();

    public static ReportDelta Of(IEnumerable<ReportChange> changes)
    {
        var delta = new ReportDelta();
        foreach (var (before, after) in changes)
        {
            delta.Add(before, -1);
            delta.Add(after, +1);
        }

        return delta;
    }

    /// <summary>Sums increments of several batches, e.g. those waiting for the projector: one row per cell.</summary>
    public static ReportDelta Sum(IEnumerable<KeyValuePair<CellKey, CellDelta>> increments)
    {
        var delta = new ReportDelta();
        foreach (var (key, increment) in increments)
        {
            var (entered, completed, durations) = delta.cells.TryGetValue(key, out var cell) ? cell : (0, 0, new SortedDictionary<short, long>());
            foreach (var (bucket, clients) in increment.Durations)
            {
                durations[bucket] = durations.GetValueOrDefault(bucket) + clients;
            }

            delta.cells[key] = (entered + increment.Entered, completed + increment.Completed, durations);
        }

        return delta;
    }

    private void Add(ReportContribution? contribution, int sign)
    {
        if (contribution is null)
        {
            return;
        }

        foreach (var slice in contribution.Slices)
        {
            foreach (var step in contribution.Steps.Where(s => s.Reached))
            {
                var key = new CellKey(contribution.Funnel, slice.Dimension, contribution.Cohort, slice.Key, step.Step.ToWireName());
                var (entered, completed, durations) = cells.TryGetValue(key, out var cell) ? cell : (0, 0, new SortedDictionary<short, long>());
                if (step.SecondsFromPrevious is { } seconds)
                {
                    var bucket = DurationBuckets.Of(seconds);
                    durations[bucket] = durations.GetValueOrDefault(bucket) + sign;
                }

                cells[key] = (entered + sign, completed + (step.ReachedLater ? sign : 0), durations);
            }
        }
    }
}
