using Platform.Bench.Onboarding.Hosting;

namespace Platform.Bench.Onboarding.Output;

/// <summary>Turns one run's results into the sections both renderers print, in reading order.</summary>
public static class ResultsDocument
{
    public static Document Build(BenchResults results)
    {
        List<Section?> sections =
        [
            RunSection(results),
            LoadSections.Throughput(results),
            LoadSections.Targets(results),
            LoadSections.Cpu(results),
            LoadSections.Sessions(results),
            LoadSections.Delivery(results),
            ReportSections.Report(results),
            FailureSection(results),
            LogSection(results),
            NotesSection(results),
        ];
        return new Document($"Onboarding benchmark, {results.Machine.StartedAt:yyyy-MM-dd HH:mm} UTC", [.. sections.OfType<Section>()]);
    }

    private static Section RunSection(BenchResults results)
    {
        var (machine, options) = (results.Machine, results.Options);
        return Section.KeyValues("Run",
        [
            ("command", $"./platform bench onboarding --seconds {options.Seconds} --warmup {options.WarmupSeconds} --connections {options.Connections} "
                + $"--report-steps {options.ReportSteps} --report-queries {options.ReportQueries}"),
            ("commit", machine.Commit),
            ("machine", $"{machine.Cores} cores ({machine.CpuModel}), {machine.Memory} memory, {machine.OperatingSystem}"),
            ("runtime", $"{machine.Runtime}, {RepoLayout.Configuration} build"),
            ("load average at start (1/5/15 min)", machine.LoadAverageAtStart),
            ("settings changed for this run (BENCH_<SERVICE>__*)", Overrides()),
        ],
        "Whether other work ran on the machine is not known in advance (other engineers build and test on it); the CPU table "
        + "shows how much of the machine the benchmark's own processes did not use. Compare figures within one run only.");
    }

    private static string Overrides()
    {
        var overrides = new[] { "gateway", "onboarding" }
            .SelectMany(service => PlatformServices.Overrides(service).Select(o => $"{service}: {o.Key}={o.Value}")).ToList();
        return overrides.Count == 0 ? "none: the services' own appsettings.json" : string.Join("; ", overrides);
    }

    private static Section? FailureSection(BenchResults results) => results.Failure is null
        ? null
        : new Section("The run did not finish", [], [], ["Figures above are those of the phases that completed."],
            results.Failure.Split('\n').Take(40).ToArray());

    /// <summary>Counts always; the newest warnings and errors since the services were healthy; the last lines of a service that exited or of a failed run.</summary>
    private static Section? LogSection(BenchResults results)
    {
        if (results.ServiceLogs.Count == 0)
        {
            return null;
        }

        var rows = results.ServiceLogs.Select(l => (IReadOnlyList<string>)
        [
            l.Name, Format.Count(l.Log.Lines), Format.Count(l.Log.Warnings), Format.Count(l.Log.Errors), l.ExitCode?.ToString() ?? "running",
        ]).ToList();
        var code = new List<string>();
        foreach (var log in results.ServiceLogs)
        {
            if (log.Log.Problems.Count > 0)
            {
                code.Add($"--- {log.Name}: distinct warnings and errors since healthy, with their counts ---");
                code.AddRange(log.Log.Problems);
            }

            if (log.ExitCode is not null || results.Failure is not null && !results.Stopped)
            {
                code.Add($"--- {log.Name}: last {log.Log.Tail.Count} lines ---");
                code.AddRange(log.Log.Tail);
            }
        }

        return new Section("Service logs (stdout + stderr, the services' own log levels)",
            ["service", "lines", "warnings since healthy", "errors since healthy", "exit code"], rows,
            code.Count > 0 ? ["Their lines follow."] : ["Nothing to show: no warnings or errors after start."], code);
    }

    private static Section NotesSection(BenchResults results) => new("How to read these figures", [], [],
    [
        "Kafka figures are DevBroker figures (librdkafka's in-process mock cluster, 1 broker, 6 partitions per topic), not a real cluster's.",
        "PostgreSQL runs as the tests start it (tests/TestSupport): fsync, synchronous_commit and full_page_writes off. A durable "
            + "configuration would be slower on the step route, not faster.",
        "Everything shares the same cores: the load generator and DevBroker run in the bench process (and the baseline server too, "
            + "during the baseline phase), beside the gateway, Onboarding, PostgreSQL and Redis. The baseline is therefore a "
            + "same-machine yardstick, not Kestrel's ceiling.",
        "Closed loop: each connection sends its next request when the previous answer arrived; throughput counts 202 answers "
            + "completed inside the measured window, latencies are those answers' (HdrHistogram-style buckets, < 0.1% error).",
        $"The load mix: each connection walks its own clients forward through the standard funnel (registered ... submitted, "
            + $"continuing after each step with probability {Load.StepJourney.ContinueProbability:0.00}); every eventId is new and "
            + "occurredAt is now, so every accepted step changes progress and publishes one StepRecorded.",
        $"Other work on the machine (builds and tests of other engineers) makes every figure noisy; the '{LoadSections.OtherWork}' row "
            + "of the CPU table estimates it.",
    ]);
}
