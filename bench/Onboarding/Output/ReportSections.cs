using Platform.Bench.Common.Output;
using Platform.Bench.Onboarding.Reports;

namespace Platform.Bench.Onboarding.Output;

/// <summary>The funnel report: what the aggregates stand for, how long writing them took, and the query times.</summary>
internal static class ReportSections
{
    public static Section? Report(BenchResults results)
    {
        if (results.Population is not { } population)
        {
            return null;
        }

        List<IReadOnlyList<string>> rows = [];
        AddRows(rows, "as written", results.Report);
        AddRows(rows, "after VACUUM (ANALYZE)", results.ReportAfterVacuum);
        var shape = results.Report?.Gateway.Shape;
        List<string> notes =
        [
            $"What the {Format.Count(population.Steps)} stands for: {Format.Count(population.Steps)} recorded steps of {Format.Count(population.Clients)} "
                + $"simulated clients over {population.CohortDays} cohort days, 9 channels and 8 campaigns, run through the service's domain code "
                + "(ClientFunnel, ReportContribution) and written through its FunnelReportProjection (the batch overload), "
                + $"{population.Transactions} transaction(s) of up to 10,000 clients each, {Format.Seconds(population.Elapsed)} in all. Not through gRPC: at one transaction per step that would take far too long.",
            "Only the report's aggregate tables were filled (the report never reads client_funnels, recorded_step_events or the outbox): "
                + string.Join(", ", population.Tables.Select(t => $"{t.Table} {Format.Count(t.Rows)} rows, {Format.Megabytes(t.Bytes)}"))
                + " (the gateway phase's clients included).",
            $"{results.Options.ReportQueries} sequential calls of GET {ReportQueries.Route} with an operator token; the in-process rows time the "
                + "service's FunnelReportReader alone (SQL and report building, no gateway, gRPC or HTTP).",
        ];
        if (shape is not null)
        {
            notes.Add($"Each answer: {shape.Groups} groups, {shape.Rows} rows (group x step), {Format.Count(shape.Bytes)} bytes; clients at step "
                + $"registered summed over the groups: {Format.Count(shape.Registered)} (expected {Format.Count(results.ExpectedRegistered)}: "
                + (shape.Registered == results.ExpectedRegistered ? "matches)." : "DIFFERS)."));
        }

        return new Section($"Funnel report over {Format.Count(population.Steps)} recorded steps", ["query", "p50 ms", "max ms", "first call ms"], rows, notes);
    }

    private static void AddRows(List<IReadOnlyList<string>> rows, string state, ReportTimings? timings)
    {
        if (timings is null)
        {
            return;
        }

        rows.Add([$"via gateway, {state}", Format.Milliseconds(timings.Gateway.P50), Format.Milliseconds(timings.Gateway.Max),
            Format.Milliseconds(timings.Gateway.Milliseconds[0])]);
        rows.Add([$"FunnelReportReader in-process, {state}", Format.Milliseconds(QueryTimings.Median(timings.ReaderInProcess)),
            Format.Milliseconds(timings.ReaderInProcess.Max()), Format.Milliseconds(timings.ReaderInProcess[0])]);
    }
}
