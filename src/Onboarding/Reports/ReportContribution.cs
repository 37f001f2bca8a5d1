using Platform.Onboarding.Funnel;

namespace Platform.Onboarding.Reports;

/// <summary>
/// What one client adds to the funnel report's aggregates, computed from its progress alone. The
/// store applies (after - before) whenever the progress changes, so replays, late and out-of-order
/// steps leave exact counts.
/// </summary>
/// <param name="Cohort">The registration date in Asia/Shanghai.</param>
/// <param name="Slices">Every (dimension, key) the client is counted under, "all" included.</param>
/// <param name="Steps">One entry per step of the definition, in funnel order.</param>
public sealed record ReportContribution(string Funnel, DateOnly Cohort, IReadOnlyList<ReportSlice> Slices, IReadOnlyList<StepContribution> Steps)
{
    /// <summary>
    /// The variant every client is counted under here: the step path does not know variants. The report by variant
    /// moves exposed clients to theirs when it is read (<see cref="VariantReportReader"/>); the others stay in "none".
    /// </summary>
    public const string NoVariant = "none";

    public static ReportSlice NoVariantSlice { get; } = new(ReportDimensions.Variant, NoVariant);

    public static ReportContribution Of(ClientFunnel funnel, FunnelDefinition definition)
    {
        var reachedAt = new DateTimeOffset?[definition.Steps.Count];
        foreach (var reached in funnel.Reached)
        {
            if (definition.PositionOf(reached.Step) is var position and >= 0)
            {
                reachedAt[position] = reached.OccurredAt;
            }
        }

        var furthest = Array.FindLastIndex(reachedAt, at => at is not null);
        var steps = new StepContribution[reachedAt.Length];
        for (var i = 0; i < steps.Length; i++)
        {
            double? seconds = i > 0 && reachedAt[i] is { } at && reachedAt[i - 1] is { } previous ? (at - previous).TotalSeconds : null;
            steps[i] = new StepContribution(definition.Steps[i], reachedAt[i] is not null, reachedAt[i] is not null && furthest > i, seconds);
        }

        ReportSlice[] slices =
        [
            ReportSlice.All,
            new(ReportDimensions.Channel, KeyOf(funnel.Channel)),
            new(ReportDimensions.Campaign, KeyOf(funnel.Campaign)),
            NoVariantSlice,
        ];
        return new ReportContribution(funnel.Funnel, ReportCalendar.CohortOf(funnel.RegisteredAt), slices, steps);
    }

    private static string KeyOf(string value) => string.IsNullOrEmpty(value) ? ReportSlice.None : value;
}

/// <summary>One slice of the report: a dimension and its value, e.g. (channel, short_video).</summary>
public readonly record struct ReportSlice(string Dimension, string Key)
{
    /// <summary>The key of a dimension whose value the client did not report.</summary>
    public const string None = "none";

    public static ReportSlice All { get; } = new(ReportDimensions.All, ReportDimensions.All);
}

/// <summary>One step of one client: reached, reached any later step, and seconds since the previous step when both were reached.</summary>
public readonly record struct StepContribution(FunnelStep Step, bool Reached, bool ReachedLater, double? SecondsFromPrevious);

/// <summary>
/// The slice dimensions stored in the aggregates. A new dimension (a real experiment variant, a
/// device) is a new value here and a slice in <see cref="ReportContribution.Of"/>, not a new table.
/// </summary>
public static class ReportDimensions
{
    public const string All = "all";
    public const string Channel = "channel";
    public const string Campaign = "campaign";
    public const string Variant = "variant";
}
