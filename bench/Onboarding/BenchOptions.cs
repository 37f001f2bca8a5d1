using Platform.Bench.Common;

namespace Platform.Bench.Onboarding;

/// <summary>The command line: ./platform bench onboarding [--seconds N] [--warmup N] [--connections N] [--report-steps N] [--report-queries N].</summary>
public sealed record BenchOptions(int Seconds, int WarmupSeconds, int Connections, int ReportSteps, int ReportQueries)
{
    public static BenchOptions Default { get; } = new(Seconds: 20, WarmupSeconds: 60, Connections: 64, ReportSteps: 1_000_000, ReportQueries: 20);

    public const string Usage = """
        Usage: ./platform bench onboarding [options]

          --seconds N         measured seconds of each load phase (default 20)
          --warmup N          warm-up seconds before each measured window, not counted (default 60)
          --connections N     concurrent HTTP/1.1 connections of the load generator (default 64)
          --report-steps N    recorded steps the funnel report's aggregates stand for (default 1000000; 0 skips the report phase)
          --report-queries N  funnel report queries through the gateway (default 20)

        Starts PostgreSQL, Redis and DevBroker on free ports, Onboarding and the Gateway as real
        processes, measures a plain minimal-API baseline and the gateway -> Onboarding step route
        with the same load, checks delivery to onboarding.events, then times the funnel report.
        Results: the console, and bench/Onboarding/results/latest.md.

        What-if runs: BENCH_GATEWAY__<key>=<value> and BENCH_ONBOARDING__<key>=<value> in the
        environment reach that service as <key>=<value> (e.g. BENCH_GATEWAY__Logging__LogLevel__Default=Warning);
        the results list them.
        """;

    /// <summary>Null when the arguments are wrong or help was asked for (the usage has been printed).</summary>
    public static BenchOptions? Parse(IReadOnlyList<string> args) =>
        CommandLine.Parse(args, Default, "onboarding", Usage, (options, name, text) => CommandLine.Number(text) is not { } value ? null : name switch
        {
            "--seconds" when value >= 1 => options with { Seconds = value },
            "--warmup" => options with { WarmupSeconds = value },
            "--connections" when value is >= 1 and <= 4096 => options with { Connections = value },
            "--report-steps" => options with { ReportSteps = value },
            "--report-queries" when value >= 1 => options with { ReportQueries = value },
            _ => null,
        });
}
