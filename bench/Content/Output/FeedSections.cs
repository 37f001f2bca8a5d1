using System.Globalization;
using Platform.Bench.Common.Hosting;
using Platform.Bench.Common.Measuring;
using Platform.Bench.Common.Output;

namespace Platform.Bench.Content.Output;

/// <summary>The feed reads under load, the targets, the Redis hit ratio and the seeding behind them.</summary>
internal static class FeedSections
{
    public const double TargetHopChainRatio = 0.5;
    public const double TargetP99Milliseconds = 10;
    public const double TargetResultsMilliseconds = 1_000;

    public static Section? Throughput(BenchResults results)
    {
        var phases = new[] { results.Gateway, results.HopChain, results.Baseline }.OfType<ReadPhase>().ToList();
        if (phases.Count == 0)
        {
            return null;
        }

        var rows = phases.Select(p => (IReadOnlyList<string>)
        [
            p.Load.Name, Format.Count(p.Load.OkPerSecond), Format.Milliseconds(p.Load.P50), Format.Milliseconds(p.Load.P99),
            Format.Milliseconds(p.Load.MaxMilliseconds), Format.Count(p.Load.Failed),
            p.Answers is { } a ? $"{a.MeanItems:0.0} / {Format.Count(a.MeanBytes)}" : "-",
            string.Join(", ", p.Load.Outcomes.Select(o => $"{o.Key}: {Format.Count(o.Value)}")),
        ]).ToList();
        List<string> notes = [];
        if (results.Gateway is { } gateway && results.HopChain is { } hops)
        {
            notes.Add($"ratio to the hop chain: {Format.Count(gateway.Load.OkPerSecond)} feeds/s / {Format.Count(hops.Load.OkPerSecond)} req/s = "
                + $"{Format.Ratio(gateway.Load.OkPerSecond / hops.Load.OkPerSecond)} (goal >= {TargetHopChainRatio:0.0}: the feed, Redis and the "
                + "database cost at most as much as the hops themselves; the hop chain, not plain Kestrel, is the ceiling of this design here).");
        }

        if (results.Gateway is { } read && results.Baseline is { } baseline)
        {
            notes.Add($"ratio to plain Kestrel: {Format.Count(read.Load.OkPerSecond)} feeds/s / {Format.Count(baseline.Load.OkPerSecond)} req/s = "
                + $"{Format.Ratio(read.Load.OkPerSecond / baseline.Load.OkPerSecond)} (same run, same load).");
        }

        if (results.HopChain is { } hop && results.Baseline is { } plain)
        {
            notes.Add($"the hop chain alone reaches {Format.Ratio(hop.Load.OkPerSecond / plain.Load.OkPerSecond)} of plain Kestrel: what HTTP in and "
                + "out of a second process, the gateway's auth and checks, gRPC and Content's auth cost on this machine.");
        }

        if (results.HopChainWrites is { } writes)
        {
            notes.Add("hop chain: a second gateway and Content with Content:Benchmark:AnswerFeedsFromMemory=true (authentication and the client's "
                + "own-id check as always, then one feed held in memory, worked out once from the same catalogue for a typical approved client); "
                + $"{Format.Count(writes)} feed copies in Redis and profile or exposure rows in its database"
                + (writes == 0 ? "." : ", so the switch did NOT work."));
        }

        var settings = phases[0].Load.Settings;
        notes.Add($"{settings.Connections} HTTP/1.1 connections, {settings.Warmup.TotalSeconds:0} s warm-up (not counted), {settings.Duration.TotalSeconds:0} s "
            + "measured; ok/s = 200 answers per second in the window. Each request reads the feed of a client drawn at random from all "
            + $"{Format.Count(results.Options.Clients)}, with that client's own token (default limit: 20 items). Items / bytes: the mean of "
            + $"{AnswerSample_Size} answers read one by one after the phase.");
        return new Section("GET /v1/clients/{id}/feed under load", ["target", "ok/s", "p50 ms", "p99 ms", "max ms", "failed in window",
            "items / bytes per answer", "answers, whole phase (status: count)"], rows, notes);
    }

    public static Section? Targets(BenchResults results)
    {
        List<IReadOnlyList<string>> rows = [];
        if (results.Gateway?.Load is { } load)
        {
            if (results.HopChain?.Load is { } hops)
            {
                var ratio = load.OkPerSecond / hops.OkPerSecond;
                rows.Add(["feed reads/s per hop-chain req/s", $">= {TargetHopChainRatio:0.0}", Format.Ratio(ratio), Format.Verdict(ratio >= TargetHopChainRatio)]);
            }

            rows.Add(["p99 of the feed reads through the gateway", $"< {TargetP99Milliseconds:0} ms", Format.Milliseconds(load.P99) + " ms",
                Format.Verdict(load.P99 < TargetP99Milliseconds)]);
            rows.Add(["Redis hit ratio of the feed reads (copies served / reads)", "(figure asked)", Percent(results.Gateway.Window?.CopyHitRatio()), "-"]);
        }

        if (results.Results is { } timings && results.Exposures is { } exposures)
        {
            rows.Add([$"experiment results over {Format.Count(exposures.Exposures)} exposures (p50 via gateway)", "< 1 s",
                Format.Milliseconds(timings.P50) + " ms", Format.Verdict(timings.P50 < TargetResultsMilliseconds)]);
        }

        return rows.Count == 0 ? null : new Section("Targets (issue 11, item 8)", ["figure", "target", "measured", "verdict"], rows,
            [$"Measured on this 2-core machine with everything on it (see the CPU table); one run's figures; PostgreSQL {results.Durability.Name()} (see the Run table)."]);
    }

    public static Section? Redis(BenchResults results)
    {
        if (results.Gateway is not { } reads)
        {
            return null;
        }

        return Section.KeyValues("Redis during the gateway phase",
        [
            ("feed copies served from Redis in the measured window (1 - fills / reads)", $"{Percent(reads.Window?.CopyHitRatio())} ({Calls(reads.Window)})"),
            ("the same during the warm-up", $"{Percent(reads.WarmUp?.CopyHitRatio())} ({Calls(reads.WarmUp)})"),
            ("Redis's own keyspace hit ratio in the window (hits / lookups)", $"{Percent(reads.Window?.HitRatio)} ({Lookups(reads.Window)})"),
        ],
        "Every feed read that may use the cache is one GET of the client's copy; every miss (no copy, a tombstone, a copy of an older catalogue, "
            + "or expired) is worked out from PostgreSQL and written back by one script call (RedisCopies' version check). Nothing else uses Redis "
            + "during the phase (no profile changes, no experiment), so copies served = GETs - script calls (Redis's INFO commandstats).",
        "Redis's keyspace ratio counts the script's own GETRANGE lookup as well, and a tombstone as a hit: it is printed for comparison with "
            + "the tiering benchmark's, not as the feed's hit ratio.",
        "The phase starts with a tombstone in Redis for each client (the invalidation of its profile's last change), as a deployment after "
            + "its profiles changed: each client's first read misses, later ones hit.");
    }

    public static Section? Seed(BenchResults results)
    {
        List<(string, string)> rows = [];
        if (results.Catalogue is { } catalogue)
        {
            rows.Add(("catalogue added through the gateway", $"{Format.Count(catalogue.Items)} items ("
                + string.Join(", ", catalogue.ByKind.Select(k => $"{k.Key} {k.Value}")) + $") and {catalogue.Segments} segments, on top of the seeded "
                + $"catalogue; {Format.Seconds(catalogue.Elapsed)}"));
        }

        if (results.Profiles is { } profiles)
        {
            rows.Add(("clients", $"{Format.Count(profiles.Clients)} ({Format.Count(profiles.Profiles)} profiles in client_profiles)"));
            rows.Add(("events published (onboarding.events, tiering.events)", string.Join(", ", profiles.EventsByType.Select(e => $"{e.Key} {Format.Count(e.Value)}"))
                + $"; {Format.Seconds(profiles.PublishTook)}"));
            rows.Add(("clients tagged by an operator (PUT /v1/clients/{id}/tags)", $"{Format.Count(profiles.Tagged)}; {Format.Seconds(profiles.TagsTook)}"));
            rows.Add(("until Content had handled every event and Redis held every invalidation", Format.Seconds(profiles.Elapsed)));
        }

        if (results.MintingTook is { } minting)
        {
            rows.Add(("client tokens (POST /v1/dev/tokens, one per client)", Format.Seconds(minting)));
        }

        return rows.Count == 0 ? null : Section.KeyValues("Seed (not timed as a figure)", rows,
            $"Clients ({nameof(Seeding.ClientModel)}): {Seeding.ClientModel.ProspectShare:P0} prospects (registered, never assessed: no products), the rest "
                + "approved with a risk level (C1 10%, C2 25%, C3 35%, C4 20%, C5 10%); "
                + $"{Seeding.ClientModel.FundedShare:P0} of those funded and given a tier, 15% of them near the next; {Seeding.ClientModel.TaggedShare:P0} "
                + "of all clients tagged (age band, region, style, horizon, 1-3 interests).",
            "Items: the six kinds in turn, a fifth each untargeted, by tiers, by stages, by an interest tag and by a segment; products R1..R5 in turn; "
                + "templates with {{tier}}, {{nextTier}}, {{amountToNextTier}}, {{stage}}, {{riskTolerance}}; a fifth valid for a window around now.");
    }

    private const int AnswerSample_Size = Reads.AnswerSample.Size;

    /// <summary>Copies served over reads: GETs that were not followed by a fill.</summary>
    private static double CopyHitRatio(this RedisStats stats) => stats.GetCalls == 0 ? double.NaN : 1 - (double)stats.ScriptCalls / stats.GetCalls;

    private static string Percent(double? ratio) => ratio is { } r && !double.IsNaN(r) ? r.ToString("P2", CultureInfo.InvariantCulture) : "-";

    private static string Calls(RedisStats? stats) => stats is null ? "-" : $"{Format.Count(stats.GetCalls)} GETs, {Format.Count(stats.ScriptCalls)} fills";

    private static string Lookups(RedisStats? stats) => stats is null ? "-" : $"{Format.Count(stats.Hits)} hits, {Format.Count(stats.Misses)} misses";
}
