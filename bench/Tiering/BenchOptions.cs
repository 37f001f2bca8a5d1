using Platform.Bench.Common;
using Platform.Bench.Common.Hosting;

namespace Platform.Bench.Tiering;

/// <summary>How the recalculation is set off: a new business day, or a new version of the tier table.</summary>
public enum Trigger
{
    Day,
    Table,
}

/// <summary>
/// The command line: ./platform bench tiering [--clients N] [--days N] [--trigger day|table] [--read-clients N]
/// [--seconds N] [--warmup N] [--connections N] [--durability durable|fast].
/// </summary>
public sealed record BenchOptions(int Clients, int Days, Trigger Trigger, int ReadClients, int Seconds, int WarmupSeconds, int Connections,
    Durability Durability)
{
    public static BenchOptions Default { get; } = new(Clients: 1_000_000, Days: 20, Trigger: Trigger.Day, ReadClients: 100_000, Seconds: 20,
        WarmupSeconds: 60, Connections: 64, Durability: Durability.Durable);

    public const string Usage = """
        Usage: ./platform bench tiering [options]

          --clients N         approved clients in client_tiers (default 1000000)
          --days N            trading days of asset snapshots per client, the last N before today in Shanghai (default 20)
          --trigger day|table what sets off the recalculation of every client: a new business day (default), or a new
                              tier table version with every threshold from V2 up lowered by 5%
          --read-clients N    distinct clients whose tier the read phase asks for, a random sample (default 100000; 0 skips the phase)
          --seconds N         measured seconds of the read phase (default 20)
          --warmup N          warm-up seconds of the read phase before its measured window, not counted (default 60)
          --connections N     concurrent HTTP/1.1 connections of the read phase (default 64)

        """ + DurabilityExtensions.Usage + """

        Starts PostgreSQL, Redis and DevBroker on free ports and Tiering and the Gateway as real
        processes, seeds the clients and their snapshots with binary COPY, times Tiering's sweep
        recalculating every client, then reads tiers through the gateway under load.
        Results: the console, and bench/Tiering/results/latest.md (latest-fast.md with --durability fast).

        What-if runs: BENCH_TIERING__<key>=<value> and BENCH_GATEWAY__<key>=<value> in the environment
        reach that service as <key>=<value> (e.g. BENCH_TIERING__Tiering__Sweep__BatchSize=1000); the results list them.
        """;

    /// <summary>The command line that reproduces the run, every option spelled out.</summary>
    public string Command => $"./platform bench tiering --clients {Clients} --days {Days} --trigger {Trigger.ToString().ToLowerInvariant()} "
        + $"--read-clients {ReadClients} --seconds {Seconds} --warmup {WarmupSeconds} --connections {Connections} --durability {Durability.Name()}";

    /// <summary>Null when the arguments are wrong or help was asked for (the usage has been printed).</summary>
    public static BenchOptions? Parse(IReadOnlyList<string> args) =>
        CommandLine.Parse(args, Default, "tiering", Usage, Apply) is not { } options ? null
        : options.ReadClients <= options.Clients ? options
        : CommandLine.Fail<BenchOptions>("tiering", Usage, "--read-clients cannot be more than --clients");

    private static BenchOptions? Apply(BenchOptions options, string name, string text) => name switch
    {
        "--trigger" => text switch
        {
            "day" => options with { Trigger = Trigger.Day },
            "table" => options with { Trigger = Trigger.Table },
            _ => null,
        },
        "--durability" => DurabilityExtensions.Parse(text) is { } durability ? options with { Durability = durability } : null,
        _ => WithNumber(options, name, text),
    };

    private static BenchOptions? WithNumber(BenchOptions options, string name, string text) =>
        CommandLine.Number(text) is not { } value ? null : name switch
        {
            "--clients" when value is >= 1_000 and <= 10_000_000 => options with { Clients = value },
            // At least two: the recalculation moves clients with the last day's snapshot.
            "--days" when value is >= 2 and <= 250 => options with { Days = value },
            "--read-clients" => options with { ReadClients = value },
            "--seconds" when value >= 1 => options with { Seconds = value },
            "--warmup" => options with { WarmupSeconds = value },
            "--connections" when value is >= 1 and <= 4096 => options with { Connections = value },
            _ => null,
        };
}
