using Platform.Bench.Common.Measuring;
using Platform.Bench.Common.Output;
using Platform.Bench.Tiering.Seeding;
using Platform.Tiering.Tiers;

namespace Platform.Bench.Tiering.Output;

/// <summary>The seed, the recalculation, the reads and the issue's targets.</summary>
internal static class TieringSections
{
    private static readonly TimeSpan TargetRecalculation = TimeSpan.FromSeconds(60);

    public static Section? Targets(BenchResults results)
    {
        if (results.Recalculation is not { } recalculation)
        {
            return null;
        }

        List<IReadOnlyList<string>> rows =
        [
            [$"recalculation of {Format.Count(recalculation.Expected.Clients)} clients x {recalculation.Expected.Snapshots / recalculation.Expected.Clients} days of snapshots",
                "< 60 s", Format.Seconds(recalculation.Elapsed), Format.Verdict(recalculation.Elapsed < TargetRecalculation)],
        ];
        if (results.Reads is { } reads)
        {
            rows.Add(["tier reads through the gateway", "(figure asked)", $"{Format.Count(reads.Load.OkPerSecond)}/s, p99 {Format.Milliseconds(reads.Load.P99)} ms",
                $"hit ratio {Ratio(reads.Window?.HitRatio)}"]);
        }

        return new Section("Targets (issue 5, point 6)", ["figure", "target", "measured", "verdict"], rows,
            ["Measured on this 2-core machine with everything on it (see the CPU table); one run's figures."]);
    }

    public static Section? Seed(BenchResults results)
    {
        if (results.Seed is not { } seed)
        {
            return null;
        }

        var tiers = TierCatalog.All.Select(t => (IReadOnlyList<string>)
            [t.ToString(), Format.Count(seed.TiersBefore[(int)t]), Share(seed.TiersBefore[(int)t], seed.Clients), Format.Count(seed.TiersAfter[(int)t])]).ToList();
        var warmup = results.WarmupSeed;
        return new Section($"Seed: {Format.Count(seed.Clients)} approved clients, {Format.Count(seed.Snapshots)} snapshots (not timed)",
            ["tier", "clients before the trigger", "share", "after (expected)"], tiers,
        [
            $"Written with binary COPY (client_tiers and asset_snapshots, two connections at once) in {Format.Seconds(seed.Elapsed)}, the clients' state computed "
                + $"meanwhile with the domain code; then VACUUM (ANALYZE) in {(results.VacuumTook is { } vacuum ? Format.Seconds(vacuum) : "-")}.",
            $"{Format.Count(seed.Movers)} clients ({Share(seed.Movers, seed.Clients)}) moved money in on the last snapshot day; the recalculation must make "
                + $"{Format.Count(seed.ExpectedChanges)} tier changes ({Share(seed.ExpectedChanges, seed.Clients)} of the clients) and publish "
                + $"{Format.Count(seed.ExpectedEventCount)} events ({string.Join(", ", seed.ExpectedEvents.Select(e => $"{e.Key} {Format.Count(e.Value)}"))}).",
            warmup is null ? "No warm-up clients." : $"Before them, {Format.Count(warmup.Clients)} warm-up clients with the same model, due at once: the running sweep "
                + "recalculated them during the seeding, so that the measured run starts on optimised code, as a service that ran yesterday's sweep would.",
        ]);
    }

    public static Section? Recalculation(BenchResults results)
    {
        if (results.Recalculation is not { } r)
        {
            return null;
        }

        var trigger = r.Trigger == Trigger.Day
            ? "a new business day: every client's calculated_on set to yesterday (one UPDATE)"
            : "a new tier table version (PUT /v1/config/tiers, every minimum from V2 up lowered by 5%)";
        return Section.KeyValues($"Recalculation of {Format.Count(r.Expected.Clients)} clients by Tiering's sweep",
        [
            ("trigger", $"{trigger}, took {Format.Seconds(r.TriggerTook)} (not counted)"),
            ("wall time, trigger to no client due", Format.Seconds(r.Elapsed)),
            ("clients recalculated per second", Format.Count(r.ClientsPerSecond)),
            ("tier changes (tier_history rows) / expected", $"{Format.Count(r.HistoryRows)} / {Format.Count(r.Expected.ExpectedChanges)}"),
            ("records appended to tiering.events (high watermarks, after - before)", Format.Count(r.EventsPublished)),
            ("events of these clients read back / expected, by type", string.Join(", ", r.Expected.ExpectedEvents.Keys.Union(r.EventsByType.Keys).Order()
                .Select(type => $"{type} {Format.Count(r.EventsByType.GetValueOrDefault(type))} / {Format.Count(r.Expected.ExpectedEvents.GetValueOrDefault(type))}"))),
            ("what the sweep wrote matches the domain code's expectation", r.Matches ? "yes" : "NO"),
            ("outbox rows waiting when the last client was recalculated", Format.Count(r.OutboxBacklogAtEnd)),
            ("outbox drained (0 rows) after that", r.OutboxDrainedAfter is { } drained ? Format.Seconds(drained) : "NOT within 10 min"),
            ("records already dropped by DevBroker's retention", Format.Count(r.EventsDroppedByRetention)),
        ],
        "Per batch the sweep claims clients (FOR UPDATE SKIP LOCKED, in key order), takes their advisory locks, loads their snapshots and flows, "
            + "applies the domain rules to each, and writes the tiers, history and outbox events in the same transaction; Redis copies after commit.");
    }

    public static Section? Reads(BenchResults results)
    {
        if (results.Reads is not { } reads)
        {
            return null;
        }

        var load = reads.Load;
        return Section.KeyValues("GET /v1/clients/{id}/tier through the gateway",
        [
            ("reads answered 200 per second (measured window)", Format.Count(load.OkPerSecond)),
            ("p50 / p99 / max", $"{Format.Milliseconds(load.P50)} / {Format.Milliseconds(load.P99)} / {Format.Milliseconds(load.MaxMilliseconds)} ms"),
            ("failed in the window", Format.Count(load.Failed)),
            ("answers, whole phase (status: count)", string.Join(", ", load.Outcomes.Select(o => $"{o.Key}: {Format.Count(o.Value)}"))),
            ("Redis hit ratio in the measured window (hits / lookups)", $"{Ratio(reads.Window?.HitRatio)} ({Lookups(reads.Window)})"),
            ("Redis hit ratio during the warm-up", $"{Ratio(reads.WarmUp?.HitRatio)} ({Lookups(reads.WarmUp)})"),
            ("connections, warm-up, window", $"{load.Settings.Connections} HTTP/1.1, {load.Settings.Warmup.TotalSeconds:0} s, {load.Settings.Duration.TotalSeconds:0} s"),
            ("clients read", $"{Format.Count(reads.SampledClients)} distinct, drawn at random from the seeded ones, each with its own client token "
                + $"(minted in {Format.Seconds(reads.MintingTook)}, not counted)"),
        ],
        "Tiering is restarted with its default settings before this phase, and Redis emptied: the phase starts as an hour after the recalculation, when "
            + "the copies it wrote have expired. Each read picks one of the sampled clients at random: its first read misses Redis "
            + "(PostgreSQL, then the copy is written), later ones hit. The hit ratio comes from Redis's INFO stats (keyspace_hits, keyspace_misses); "
            + "only Tiering's tier cache looks keys up in this run.");
    }

    private static string Share(long part, long whole) => whole == 0 ? "-" : ((double)part / whole).ToString("P1", System.Globalization.CultureInfo.InvariantCulture);

    private static string Ratio(double? ratio) => ratio is { } r && !double.IsNaN(r) ? r.ToString("P2", System.Globalization.CultureInfo.InvariantCulture) : "-";

    private static string Lookups(RedisStats? stats) => stats is null ? "-" : $"{Format.Count(stats.Hits)} hits, {Format.Count(stats.Misses)} misses";
}
