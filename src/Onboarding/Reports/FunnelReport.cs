using Platform.Onboarding.Funnel;

namespace Platform.Onboarding.Reports;

/// <summary>How the report is grouped: one group "all", or one group per channel, campaign, cohort day or variant.</summary>
public enum ReportGrouping
{
    All,
    Channel,
    Campaign,
    Cohort,
    Variant,
}

public static class ReportGroupings
{
    private static readonly Dictionary<string, ReportGrouping> ByName = new(StringComparer.Ordinal)
    {
        [""] = ReportGrouping.All,
        ["channel"] = ReportGrouping.Channel,
        ["campaign"] = ReportGrouping.Campaign,
        ["cohort"] = ReportGrouping.Cohort,
        ["variant"] = ReportGrouping.Variant,
    };

    public static string Allowed => "\"\" (one group \"all\"), channel, campaign, cohort, variant";

    public static bool TryParse(string? by, out ReportGrouping grouping) => ByName.TryGetValue(by ?? string.Empty, out grouping);

    public static string ToWireName(this ReportGrouping grouping) => grouping == ReportGrouping.All ? "none" : grouping.ToString().ToLowerInvariant();

    /// <summary>The stored dimension a grouping reads; cohorts are the days of the "all" slice.</summary>
    public static string Dimension(this ReportGrouping grouping) => grouping switch
    {
        ReportGrouping.Channel => ReportDimensions.Channel,
        ReportGrouping.Campaign => ReportDimensions.Campaign,
        ReportGrouping.Variant => ReportDimensions.Variant,
        _ => ReportDimensions.All,
    };
}

public sealed record FunnelReport(IReadOnlyList<ReportGroup> Groups)
{
    /// <summary>Builds the report from aggregate sums per group; without any client, grouping "all" still has its one group.</summary>
    public static FunnelReport Build(FunnelDefinition definition, ReportGrouping grouping, IEnumerable<CellSum> cells,
        IEnumerable<DurationSum> durations)
    {
        var counts = cells.ToLookup(c => c.GroupKey, StringComparer.Ordinal);
        var histograms = durations.ToLookup(d => (d.GroupKey, d.Step));
        // Rows that changes have brought back to zero (a client moved to another cohort) make no group.
        var keys = counts.Where(g => g.Any(c => c.Entered != 0)).Select(g => g.Key).Order(StringComparer.Ordinal).ToList();
        if (keys.Count == 0 && grouping == ReportGrouping.All)
        {
            keys.Add(ReportDimensions.All);
        }

        return new FunnelReport(keys.Select(key =>
        {
            var byStep = counts[key].ToDictionary(c => c.Step, StringComparer.Ordinal);
            var steps = new List<ReportStepStats>(definition.Steps.Count);
            foreach (var step in definition.Steps)
            {
                var name = step.ToWireName();
                var (entered, completed) = byStep.TryGetValue(name, out var sum) ? (sum.Entered, sum.Completed) : (0L, 0L);
                var previous = steps.Count > 0 ? steps[^1].Entered : (long?)null;
                var conversion = previous switch { null => 1, 0 => 0, _ => (double)entered / previous.Value };
                var median = DurationBuckets.Median(histograms[(key, name)].Select(d => KeyValuePair.Create(d.Bucket, d.Clients)));
                steps.Add(new ReportStepStats(step, entered, completed, conversion, median));
            }

            var overall = steps[0].Entered == 0 ? 0 : (double)steps[^1].Entered / steps[0].Entered;
            return new ReportGroup(key, steps, overall);
        }).ToList());
    }
}

public sealed record ReportGroup(string Key, IReadOnlyList<ReportStepStats> Steps, double OverallConversion);

/// <param name="Completed">Clients that reached the step and any later step.</param>
/// <param name="MedianSecondsFromPrevious">Null when no client reached both this step and the previous one.</param>
public sealed record ReportStepStats(FunnelStep Step, long Entered, long Completed, double ConversionFromPrevious, double? MedianSecondsFromPrevious)
{
    public long Dropped => Entered - Completed;
}

/// <summary>Summed aggregate counts of one group at one step.</summary>
public sealed record CellSum(string GroupKey, string Step, long Entered, long Completed);

/// <summary>Summed clients of one group, step and duration bucket.</summary>
public sealed record DurationSum(string GroupKey, string Step, short Bucket, long Clients);
