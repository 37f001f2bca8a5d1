using Platform.Bench.Common.Hosting;
using Platform.Bench.Common.Output;

namespace Platform.Bench.Content.Output;

/// <summary>Turns one run's results into the sections both renderers print, in reading order.</summary>
public static class ResultsDocument
{
    public static Document Build(BenchResults results)
    {
        List<Section?> sections =
        [
            CommonSections.Run(results, results.Options.Command, "gateway", "content"),
            FeedSections.Throughput(results),
            FeedSections.Targets(results),
            FeedSections.Redis(results),
            CommonSections.Cpu(
                [.. new[] { ("baseline phase", results.Baseline), ("hop-chain phase", results.HopChain), ("gateway phase", results.Gateway) }
                    .Where(p => p.Item2?.Usage is not null).Select(p => new CpuPhase(p.Item1, p.Item2!.Usage!, p.Item2.Load.OkPerSecond))],
                "content; hop-chain phase: contenthops", "200"),
            CommonSections.Sessions(results.Gateway?.Usage, "PostgreSQL sessions of the content database during the gateway phase's window"),
            FeedSections.Seed(results),
            ResultsSections.Results(results),
            CommonSections.Failure(results),
            CommonSections.Logs(results),
            Notes(results),
        ];
        return new Document(CommonSections.Title(results, "Content benchmark"), [.. sections.OfType<Section>()]);
    }

    private static Section Notes(BenchResults results) => new("How to read these figures", [], [],
    [
        "Everything shares the same cores: the load generator and DevBroker run in the bench process (and the baseline server too, during the "
            + "baseline phase), beside the gateway, Content, PostgreSQL and Redis. The baseline is a same-machine yardstick, not Kestrel's ceiling.",
        "Order of the phases: the hop chain first (before the profiles are published, so that its Content has no events to handle), then the "
            + "profiles, the baseline (answering the bytes of a real feed read through the gateway) and the gateway's feed reads.",
        "Closed loop: each connection sends its next request when the previous answer arrived; throughput counts 200 answers completed inside "
            + "the measured window, latencies are those answers' (HdrHistogram-style buckets, < 0.1% error).",
        "The gateway's rate limit for clients (10/s, burst 20 per client in appsettings.json) is raised to 1,000,000/s for every role in this "
            + "run (bench/Common's ServiceEnvironment), so that it is never what is measured.",
        results.Durability == Durability.Fast
            ? DurabilityExtensions.FastWarning + "."
            : "PostgreSQL runs with the production durability settings (see the Run table); the feed reads hardly write (no exposure: no experiment "
                + "runs during the feed phases), so durability matters mostly for the seeding.",
        $"Other work on the machine (builds and tests of other engineers) makes every figure noisy; the '{CommonSections.OtherWork}' row of the CPU table estimates it.",
    ]);
}
