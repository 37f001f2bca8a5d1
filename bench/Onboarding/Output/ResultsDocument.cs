using Platform.Bench.Common.Hosting;
using Platform.Bench.Common.Output;

namespace Platform.Bench.Onboarding.Output;

/// <summary>Turns one run's results into the sections both renderers print, in reading order.</summary>
public static class ResultsDocument
{
    public static Document Build(BenchResults results)
    {
        List<Section?> sections =
        [
            CommonSections.Run(results, results.Options.Command, "gateway", "onboarding"),
            LoadSections.Throughput(results),
            LoadSections.Targets(results),
            LoadSections.Cpu(results),
            LoadSections.Sessions(results),
            CommonSections.Statements(results.Statements, results.Gateway?.Load.Succeeded ?? 0, "step", "the gateway phase (warm-up and window)",
                "when its load stopped; per step = per step accepted in the phase"),
            LoadSections.Delivery(results),
            ReportSections.Report(results),
            CommonSections.Failure(results),
            CommonSections.Logs(results),
            NotesSection(results),
        ];
        return new Document(CommonSections.Title(results, "Onboarding benchmark"), [.. sections.OfType<Section>()]);
    }

    private static Section NotesSection(BenchResults results) => new("How to read these figures", [], [],
    [
        results.Existing is { } existing
            ? $"Before any load the database held {existing.Clients:N0} existing clients ("
                + string.Join(", ", existing.Rows.Select(r => $"{r.Table} {r.Rows:N0} rows")) + "), written in "
                + $"{existing.Elapsed.TotalSeconds:0.0} s and analysed, as a deployment's tables are: the step route reads indexed tables "
                + "with statistics, not tables growing from empty that autovacuum has not analysed yet (those cost PostgreSQL twice the CPU per step)."
            : "The database started empty (no existing clients were written).",
        "Kafka figures are DevBroker figures (librdkafka's in-process mock cluster, 1 broker, 6 partitions per topic), not a real cluster's.",
        results.Durability == Durability.Fast
            ? DurabilityExtensions.FastWarning + ". Only for comparison with a durable run (results/latest.md)."
            : "PostgreSQL runs with the production durability settings (see the Run table): every step's commit waits for its WAL "
                + "to reach the disk, and the group commit (Onboarding:Funnel) shares that flush among the steps of a batch.",
        "Everything shares the same cores: the load generator and DevBroker run in the bench process (and the baseline server too, "
            + "during the baseline phase), beside the gateway, Onboarding, PostgreSQL and Redis. The baseline is therefore a "
            + "same-machine yardstick, not Kestrel's ceiling.",
        "Closed loop: each connection sends its next request when the previous answer arrived; throughput counts 202 answers "
            + "completed inside the measured window, latencies are those answers' (HdrHistogram-style buckets, < 0.1% error).",
        $"The load mix: each connection walks its own clients forward through the standard funnel (registered ... submitted, "
            + $"continuing after each step with probability {Load.StepJourney.ContinueProbability:0.00}); every eventId is new and "
            + "occurredAt is now, so every accepted step changes progress and publishes one StepRecorded.",
        $"Other work on the machine (builds and tests of other engineers) makes every figure noisy; the '{CommonSections.OtherWork}' row "
            + "of the CPU table estimates it.",
    ]);
}
