using Platform.Bench.Common.Hosting;
using Platform.Bench.Common.Output;

namespace Platform.Bench.Onboarding.Output;

/// <summary>The sections about the load phases: throughput and latency, the targets, CPU, delivery to Kafka.</summary>
internal static class LoadSections
{
    private const double TargetStepsPerSecond = 10_000;
    private const double TargetP99Milliseconds = 50;
    private const double TargetHopChainRatio = 0.5;
    private const double TargetReportMilliseconds = 1_000;

    public static Section? Throughput(BenchResults results)
    {
        var phases = new[] { results.Gateway, results.HopChain, results.Baseline }.OfType<PhaseResult>().Select(p => p.Load).ToList();
        if (phases.Count == 0)
        {
            return null;
        }

        var rows = phases.Select(l => (IReadOnlyList<string>)
        [
            l.Name, Format.Count(l.OkPerSecond), Format.Milliseconds(l.P50), Format.Milliseconds(l.P99), Format.Milliseconds(l.MaxMilliseconds),
            Format.Count(l.Failed), string.Join(", ", l.Outcomes.Select(o => $"{o.Key}: {Format.Count(o.Value)}")),
        ]).ToList();
        List<string> notes = [];
        if (results.Gateway is { } gateway && results.HopChain is { } hops)
        {
            notes.Add($"ratio to the hop chain: {Format.Count(gateway.Load.OkPerSecond)} steps/s / {Format.Count(hops.Load.OkPerSecond)} req/s = "
                + $"{Format.Ratio(gateway.Load.OkPerSecond / hops.Load.OkPerSecond)} (goal >= {TargetHopChainRatio:0.0}: recording costs at most as much "
                + "as the hops themselves; the hop chain, not plain Kestrel, is the ceiling of this design on this machine).");
        }

        if (results.Gateway is { } recorded && results.Baseline is { } baseline)
        {
            notes.Add($"ratio to plain Kestrel: {Format.Count(recorded.Load.OkPerSecond)} steps/s / {Format.Count(baseline.Load.OkPerSecond)} req/s = "
                + $"{Format.Ratio(recorded.Load.OkPerSecond / baseline.Load.OkPerSecond)} (gateway steps/s per baseline request/s, same run, same load).");
        }

        if (results.HopChainRecordedRows is { } recordedRows)
        {
            notes.Add($"hop chain: a second gateway and Onboarding with Onboarding:Benchmark:AnswerWithoutRecording=true (authentication and "
                + $"validation as always, then an answer; nothing recorded: {Format.Count(recordedRows)} rows in its database's client_funnels, "
                + "recorded_step_events and outbox_messages" + (recordedRows == 0 ? ")." : ", so the switch did NOT work)."));
        }

        var settings = phases[0].Settings;
        notes.Add($"{settings.Connections} HTTP/1.1 connections, {settings.Warmup.TotalSeconds:0} s warm-up (not counted), "
            + $"{settings.Duration.TotalSeconds:0} s measured; ok/s = 202 answers per second in the window.");
        return new Section("POST /v1/onboarding/steps under load", ["target", "ok/s", "p50 ms", "p99 ms", "max ms", "failed in window",
            "answers, whole phase (status: count)"], rows, notes);
    }

    public static Section? Targets(BenchResults results)
    {
        List<IReadOnlyList<string>> rows = [];
        if (results.Gateway?.Load is { } load)
        {
            rows.Add(["steps/s through gateway -> Onboarding", ">= 10,000", Format.Count(load.OkPerSecond), Format.Verdict(load.OkPerSecond >= TargetStepsPerSecond)]);
            rows.Add(["p99 of those steps", "< 50 ms", Format.Milliseconds(load.P99) + " ms", Format.Verdict(load.P99 < TargetP99Milliseconds)]);
            if (results.HopChain?.Load is { } hops)
            {
                var ratio = load.OkPerSecond / hops.OkPerSecond;
                rows.Add(["steps/s per hop-chain req/s (issue 10, item 21)", $">= {TargetHopChainRatio:0.0}", Format.Ratio(ratio),
                    Format.Verdict(ratio >= TargetHopChainRatio)]);
            }
        }

        if (results.Report is { } report && results.Population is { } population)
        {
            rows.Add([$"funnel report over {Format.Count(population.Steps)} steps (p50 via gateway, as written)", "< 1 s",
                Format.Milliseconds(report.Gateway.P50) + " ms", Format.Verdict(report.Gateway.P50 < TargetReportMilliseconds)]);
            rows.Add(["the same, slowest of the calls", "< 1 s", Format.Milliseconds(report.Gateway.Max) + " ms",
                Format.Verdict(report.Gateway.Max < TargetReportMilliseconds)]);
        }

        return rows.Count == 0 ? null : new Section("Targets (issue 4, point 8; issue 10, item 21)", ["figure", "target", "measured", "verdict"], rows,
            [$"Measured on this 2-core machine with everything on it (see the CPU table); one run's figures; PostgreSQL {results.Durability.Name()} "
                + "(see the Run table)."]);
    }

    public static Section? Cpu(BenchResults results) => CommonSections.Cpu(
        [.. new[] { ("baseline phase", results.Baseline), ("hop-chain phase", results.HopChain), ("gateway phase", results.Gateway) }
            .Where(p => p.Item2?.Usage is not null).Select(p => new CpuPhase(p.Item1, p.Item2!.Usage!, p.Item2.Load.OkPerSecond))],
        "onboarding; hop-chain phase: onboardinghops", "202");

    public static Section? Sessions(BenchResults results) =>
        CommonSections.Sessions(results.Gateway?.Usage, "PostgreSQL sessions of the onboarding database during the gateway phase's window");

    public static Section? Delivery(BenchResults results)
    {
        if (results.Delivery is not { } delivery)
        {
            return null;
        }

        var other = delivery.ByEventType.Where(e => e.Key != "StepRecorded").Select(e => $"{e.Key}: {Format.Count(e.Value)}").ToList();
        return Section.KeyValues("Delivery to onboarding.events (DevBroker figures)",
        [
            ("accepted steps (202) in the gateway phase, warm-up included", Format.Count(delivery.AcceptedSteps)),
            ("outbox rows waiting when the load stopped", Format.Count(delivery.OutboxBacklogAtEnd)),
            ("outbox drained (0 rows) after the load stopped", delivery.OutboxDrainedAfter is { } drained ? Format.Seconds(drained) : "NOT within 5 min"),
            ("records appended to onboarding.events (high watermarks, after - before)", Format.Count(delivery.Produced)),
            ("StepRecorded read back for this run's clients", Format.Count(delivery.StepRecorded)),
            ("other event types read back", other.Count == 0 ? "none" : string.Join(", ", other)),
            ("records already dropped by DevBroker's retention", Format.Count(delivery.DroppedByRetention)),
            ("every accepted step delivered exactly once", delivery.Matches ? "yes" : "NO"),
        ],
        "Read back with a Confluent consumer assigned to all partitions from the offsets before the phase (no group, no commits).");
    }
}
