using Platform.Bench.Common.Hosting;
using Platform.Bench.Common.Output;
using Platform.Bench.Tiering.Seeding;

namespace Platform.Bench.Tiering.Output;

/// <summary>Turns one run's results into the sections both renderers print, in reading order.</summary>
public static class ResultsDocument
{
    public static Document Build(BenchResults results)
    {
        List<Section?> sections =
        [
            CommonSections.Run(results, results.Options.Command, "gateway", "tiering"),
            TieringSections.Targets(results),
            TieringSections.Seed(results),
            TieringSections.Recalculation(results),
            TieringSections.Reads(results),
            CommonSections.Cpu(
                [
                    .. results.Recalculation is { Usage: { } recalculation } r ? [new CpuPhase("recalculation", recalculation, r.ClientsPerSecond)] : Array.Empty<CpuPhase>(),
                    .. results.Reads is { Usage: { } reads } l ? [new CpuPhase("reads", reads, l.Load.OkPerSecond)] : Array.Empty<CpuPhase>(),
                ],
                "tiering", "operation",
                "An operation is a client recalculated (recalculation: from the trigger until no client is due) or a tier read answered 200 (reads: the measured window)."),
            CommonSections.Sessions(results.Recalculation?.Usage, "PostgreSQL sessions of the tiering database during the recalculation"),
            CommonSections.Failure(results),
            CommonSections.Logs(results),
            Notes(results),
        ];
        return new Document(CommonSections.Title(results, "Tiering benchmark"), [.. sections.OfType<Section>()]);
    }

    private static Section Notes(BenchResults results) => new("How to read these figures", [], [],
    [
        "The recalculation is Tiering's own TierSweepWorker in the running service (Release build, polling every second instead of 30 s): "
            + "the bench only seeds, sets it off and watches. Its wall time runs from the trigger until no seeded client is due any more "
            + "(the sweep's position polled every 250 ms, then confirmed by a full count).",
        $"Seeded clients ({nameof(AssetModel)}): usual total assets log-normal (median {AssetModel.MedianAssets:N0} CNY, sigma {AssetModel.Sigma} in natural log), "
            + $"{AssetModel.UnfundedShare:P0} never funded (V0), daily moves of about {AssetModel.DailyVolatility:P1}; on the last snapshot day "
            + $"{AssetModel.MoverShare:P0} of the clients move money in ({AssetModel.SmallestJump:0}x to {AssetModel.LargestJump:0}x their usual total).",
        "Expected changes and events come from the service's domain code (AssetHistory, ClientTier, TierTable) run on the same facts by the seeder; "
            + "the sweep must write exactly those (tier_history rows, records on tiering.events).",
        "Kafka figures are DevBroker figures (librdkafka's in-process mock cluster, 1 broker), not a real cluster's.",
        (results.Durability == Durability.Fast
            ? DurabilityExtensions.FastWarning + "."
            : "PostgreSQL runs with the production durability settings (see the Run table): each sweep batch's commit waits for its WAL to reach the disk.")
            + " Otherwise as the tests start it (tests/TestSupport), shared_buffers 128 MB; the data (about 3 GB for 1,000,000 clients) lives in "
            + "a temporary folder deleted at the end.",
        $"Other work on the machine (builds and tests of other engineers) makes every figure noisy; the '{CommonSections.OtherWork}' row of the CPU table estimates it.",
    ]);
}
