using Platform.Bench.Common;
using Platform.Bench.Common.Hosting;

namespace Platform.Bench.Content;

/// <summary>
/// The command line: ./platform bench content [--clients N] [--items N] [--seconds N] [--warmup N] [--connections N]
/// [--exposures N] [--results-queries N] [--durability durable|fast].
/// </summary>
public sealed record BenchOptions(int Clients, int Items, int Seconds, int WarmupSeconds, int Connections, int Exposures, int ResultsQueries,
    Durability Durability)
{
    public static BenchOptions Default { get; } = new(Clients: 100_000, Items: 300, Seconds: 20, WarmupSeconds: 60, Connections: 64,
        Exposures: 10_000_000, ResultsQueries: 20, Durability: Durability.Durable);

    public const string Usage = """
        Usage: ./platform bench content [options]

          --clients N         clients with a profile, built by Content from published events, whose feeds are read (default 100000)
          --items N           targeted catalogue items added to the seeded catalogue through the gateway (default 300)
          --seconds N         measured seconds of each load phase (default 20)
          --warmup N          warm-up seconds before each measured window, not counted (default 60)
          --connections N     concurrent HTTP/1.1 connections of the load generator (default 64)
          --exposures N       recorded exposures the experiment results query runs over (default 10000000; 0 skips the phase)
          --results-queries N results queries through the gateway (default 20)

        """ + DurabilityExtensions.Usage + """

        Starts PostgreSQL, Redis and DevBroker on free ports, Content and the Gateway as real processes,
        adds targeted items, builds the clients' profiles from published onboarding and tiering events and
        operator tags, and measures with the same load: the hop chain alone (a second gateway and Content,
        this one answering feeds from memory: Content:Benchmark:AnswerFeedsFromMemory), a plain Kestrel GET,
        and GET /v1/clients/{id}/feed through the gateway with the Redis hit ratio; then times
        GET /v1/experiments/{key}/results over the recorded exposures.
        Results: the console, and bench/Content/results/latest.md (latest-fast.md with --durability fast).

        What-if runs: BENCH_GATEWAY__<key>=<value> and BENCH_CONTENT__<key>=<value> in the environment
        reach that service as <key>=<value>; the results list them.
        """;

    /// <summary>The command line that reproduces the run, every option spelled out.</summary>
    public string Command => $"./platform bench content --clients {Clients} --items {Items} --seconds {Seconds} --warmup {WarmupSeconds} "
        + $"--connections {Connections} --exposures {Exposures} --results-queries {ResultsQueries} --durability {Durability.Name()}";

    /// <summary>Null when the arguments are wrong or help was asked for (the usage has been printed).</summary>
    public static BenchOptions? Parse(IReadOnlyList<string> args) => CommandLine.Parse(args, Default, "content", Usage, Apply);

    private static BenchOptions? Apply(BenchOptions options, string name, string text) => name == "--durability"
        ? DurabilityExtensions.Parse(text) is { } durability ? options with { Durability = durability } : null
        : CommandLine.Number(text) is not { } value ? null : name switch
        {
            "--clients" when value is >= 1 and <= 10_000_000 => options with { Clients = value },
            "--items" when value is >= 0 and <= 10_000 => options with { Items = value },
            "--seconds" when value >= 1 => options with { Seconds = value },
            "--warmup" => options with { WarmupSeconds = value },
            "--connections" when value is >= 1 and <= 4096 => options with { Connections = value },
            "--exposures" when value >= 0 => options with { Exposures = value },
            "--results-queries" when value >= 1 => options with { ResultsQueries = value },
            _ => null,
        };
}
