using Platform.Onboarding.Funnel;

namespace Platform.Onboarding.Reports;

/// <summary>A change of one client's progress, as the report sees it; <see cref="Before"/> is null for a new client.</summary>
public readonly record struct ReportChange(ReportContribution? Before, ReportContribution After);

public readonly record struct CellKey(string Funnel, string Dimension, DateOnly CohortDate, string SliceKey, string Step);

public readonly record struct DurationKey(CellKey Cell, short Bucket);

/// <summary>
/// The net increments that changes make to the aggregates: after - before, merged per row, zero
/// rows dropped, in one fixed order, so that concurrent transactions lock rows in the same order
/// and cannot deadlock.
/// </summary>
public sealed class ReportDelta
{
    private readonly Dictionary<CellKey, (long Entered, long Completed)> cells = [];
    private readonly Dictionary<DurationKey, long> durations = [];

    private ReportDelta()
    {
    }

    public IReadOnlyList<KeyValuePair<CellKey, (long Entered, long Completed)>> Cells =>
        Sorted(cells.Where(c => c.Value != (0, 0)), c => c.Key, _ => 0);

    public IReadOnlyList<KeyValuePair<DurationKey, long>> Durations =>
        Sorted(durations.Where(d => d.Value != 0), d => d.Key.Cell, d => d.Key.Bucket);

    public static ReportDelta Of(IEnumerable<ReportChange> changes)
    {
        var delta = new ReportDelta();
        foreach (var (before, after) in changes)
        {
            //MUT delta.Add(before, -1);
            delta.Add(after, +1);
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
                var cell = new CellKey(contribution.Funnel, slice.Dimension, contribution.Cohort, slice.Key, step.Step.ToWireName());
                var (entered, completed) = cells.GetValueOrDefault(cell);
                cells[cell] = (entered + sign, completed + (step.ReachedLater ? sign : 0));
                if (step.SecondsFromPrevious is { } seconds)
                {
                    var bucket = new DurationKey(cell, DurationBuckets.Of(seconds));
                    durations[bucket] = durations.GetValueOrDefault(bucket) + sign;
                }
            }
        }
    }

    private static List<T> Sorted<T>(IEnumerable<T> rows, Func<T, CellKey> cell, Func<T, short> bucket) =>
        rows.OrderBy(r => cell(r).Funnel, StringComparer.Ordinal)
            .ThenBy(r => cell(r).Dimension, StringComparer.Ordinal)
            .ThenBy(r => cell(r).CohortDate)
            .ThenBy(r => cell(r).SliceKey, StringComparer.Ordinal)
            .ThenBy(r => cell(r).Step, StringComparer.Ordinal)
            .ThenBy(bucket)
            .ToList();
}
