using Platform.Bench.Common;
using Platform.Bench.Common.Hosting;

namespace Platform.Bench.Onboarding;

/// <summary>
/// The command line: ./platform bench onboarding [--seconds N] [--warmup N] [--connections N] [--report-steps N] [--report-queries N]
/// [--existing-clients N] [--durability durable|fast] [--statements on|off].
/// </summary>
public sealed record BenchOptions(int Seconds, int WarmupSeconds, int Connections, int ReportSteps, int ReportQueries, int ExistingClients,
    Durability Durability, bool Statements = false)
{
    public static BenchOptions Default { get; } = new(Seconds: 20, WarmupSeconds: 60, Connections: 64, ReportSteps: 1_000_000, ReportQueries: 20,
        ExistingClients: 200_000, Durability: Durability.Durable);

    public const string Usage = """
        Usage: ./platform bench onboarding [options]

          --seconds N         measured seconds of each load phase (default 20)
          --warmup N          warm-up seconds before each measured window, not counted (default 60)
          --connections N     concurrent HTTP/1.1 connections of the load generator (default 64)
          --report-steps N    recorded steps the funnel report's aggregates stand for (default 1000000; 0 skips the report phase)
          --report-queries N  funnel report queries through the gateway (default 20)
          --existing-clients N  clients already in the database (progress, steps, answers, timers; analysed)
                              before any load, as in a deployment (default 200000; 0: tables start empty)
          --statements on|off PostgreSQL's most expensive statements over the gateway phase (pg_stat_statements
                              preloaded; default off: the extension costs a little on every statement)

        """ + DurabilityExtensions.Usage + """

        Starts PostgreSQL, Redis and DevBroker on free ports, Onboarding and the Gateway as real
        processes, and measures with the same load: a plain minimal-API baseline, the hop chain alone
        (a second gateway and Onboarding, this one answering without recording:
        Onboarding:Benchmark:AnswerWithoutRecording), and the gateway -> Onboarding step route;
        checks delivery to onboarding.events, then times the funnel report.
        Results: the console, and bench/Onboarding/results/latest.md (latest-fast.md with --durability fast).

        What-if runs: BENCH_GATEWAY__<key>=<value> and BENCH_ONBOARDING__<key>=<value> in the
        environment reach that service as <key>=<value> (e.g. BENCH_GATEWAY__Logging__LogLevel__Default=Warning);
        the results list them.
        """;

    /// <summary>The command line that reproduces the run, every option spelled out.</summary>
    public string Command => $"./platform bench onboarding --seconds {Seconds} --warmup {WarmupSeconds} --connections {Connections} "
        + $"--report-steps {ReportSteps} --report-queries {ReportQueries} --existing-clients {ExistingClients} --durability {Durability.Name()}"
        + (Statements ? " --statements on" : "");

    /// <summary>Null when the arguments are wrong or help was asked for (the usage has been printed).</summary>
    public static BenchOptions? Parse(IReadOnlyList<string> args) => CommandLine.Parse(args, Default, "onboarding", Usage, Apply);

    private static BenchOptions? Apply(BenchOptions options, string name, string text) => name switch
    {
        "--durability" => DurabilityExtensions.Parse(text) is { } durability ? options with { Durability = durability } : null,
        "--statements" => text switch { "on" => options with { Statements = true }, "off" => options with { Statements = false }, _ => null },
        _ => Numeric(options, name, text),
    };

    private static BenchOptions? Numeric(BenchOptions options, string name, string text) => CommandLine.Number(text) is not { } value ? null : name switch
        {
            "--seconds" when value >= 1 => options with { Seconds = value },
            "--warmup" => options with { WarmupSeconds = value },
            "--connections" when value is >= 1 and <= 4096 => options with { Connections = value },
            "--report-steps" => options with { ReportSteps = value },
            "--report-queries" when value >= 1 => options with { ReportQueries = value },
            "--existing-clients" => options with { ExistingClients = value },
            _ => null,
        };
}
