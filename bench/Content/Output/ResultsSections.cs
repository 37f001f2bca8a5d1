using Platform.Bench.Common.Output;
using Platform.Bench.Content.Experiments;

namespace Platform.Bench.Content.Output;

/// <summary>The experiment results query over the seeded exposures.</summary>
internal static class ResultsSections
{
    public static Section? Results(BenchResults results)
    {
        if (results.Exposures is not { } seed)
        {
            return null;
        }

        var timings = results.Results;
        var expected = seed.Totals.Values.Sum(t => t.Exposures);
        return Section.KeyValues($"GET /v1/experiments/{{key}}/results over {Format.Count(seed.Exposures)} recorded exposures",
        [
            ("p50 / max / first call", timings is null ? "-" : $"{Format.Milliseconds(timings.P50)} / {Format.Milliseconds(timings.Max)} / "
                + $"{Format.Milliseconds(timings.Milliseconds[0])} ms ({timings.Milliseconds.Count} sequential calls, operator token)"),
            ("exposures counted by the answer / seeded", $"{(timings is null ? "-" : Format.Count(timings.Exposures))} / {Format.Count(seed.Exposures)}"
                + (timings?.Exposures == seed.Exposures && expected == seed.Exposures ? " (match)" : " (DIFFER)")),
            ("totals per variant (experiment_counts)", string.Join(", ", seed.Totals.Select(t => $"{t.Key}: {Format.Count(t.Value.Exposures)} exposed, "
                + $"{Format.Count(t.Value.Conversions)} converted"))),
            ("written by SQL / VACUUM (ANALYZE) (not timed as figures)", $"{Format.Seconds(seed.WriteTook)} / {Format.Seconds(seed.VacuumTook)}; "
                + $"the experiment tables take {Format.Megabytes(seed.TableBytes)}"),
        ],
        $"{nameof(ExposureSeeder)} writes, in one transaction, an assignment and a first exposure per client (50/50, exposed over the last 14 days), "
            + "a conversion for 10.0% of the control and 11.0% of the treatment, and the running totals per variant and slot as ExperimentCounters "
            + "keeps them (slot = the first two bytes of SHA-256 of the client id modulo 16); then VACUUM (ANALYZE).",
        "The results read only the running totals (a few dozen rows), never the exposures, so their time should not grow with the exposures.");
    }
}
