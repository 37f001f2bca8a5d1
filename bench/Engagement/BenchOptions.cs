using Platform.Bench.Common;
using Platform.Bench.Common.Hosting;

namespace Platform.Bench.Engagement;

/// <summary>
/// The command line: ./platform bench engagement [--events N] [--clients N] [--warmup-events N] [--backlog on|off]
/// [--durability durable|fast] [--postgres-memory deployment|stock] [--statements on|off].
/// </summary>
public sealed record BenchOptions(int Events, int Clients, int WarmupEvents, Durability Durability, bool Statements = false, bool Backlog = true,
    PostgresMemory Memory = PostgresMemory.Deployment)
{
    public static BenchOptions Default { get; } = new(Events: 1_000_000, Clients: 100_000, WarmupEvents: 100_000, Durability: Durability.Durable);

    public const string Usage = """
        Usage: ./platform bench engagement [options]

          --events N          events in the measured burst (default 1000000)
          --clients N         clients the burst is about, 90% existing (their state seeded), 10% new (default 100000)
          --warmup-events N   events of a first burst about other clients, not measured, and a second of a fifth
                              of them: the JIT's optimised code and warm caches for the measured one (default
                              100000; 0 skips both)
          --backlog on|off    on (default): Engagement is paused (SIGSTOP) while a burst is published and timed
                              from when it is continued, so it reads a backlog on a machine otherwise idle, as
                              the raw consumer does; off: it consumes while the bench's producer publishes
                              beside it on the same two cores (the producer's CPU counts against it)
          --statements on|off PostgreSQL's most expensive statements over the measured burst (pg_stat_statements
                              preloaded; default off: the extension costs a little on every statement)

        """ + DurabilityExtensions.Usage + PostgresMemoryExtensions.Usage + """

        Starts PostgreSQL, Redis and DevBroker on free ports, and Content, Engagement and the Gateway as
        real processes; seeds the existing clients' lifecycle state; publishes a burst of onboarding,
        activity and tiering events (with Engagement paused: --backlog) and times Engagement until it has consumed them (state, moments,
        firing, StageChanged through the outbox) and until every instance fired is decided, delivered and
        published; then a plain Confluent consumer reads the same records: the ratio is the figure.
        Results: the console, and bench/Engagement/results/latest.md (latest-fast.md with --durability fast).

        What-if runs: BENCH_ENGAGEMENT__<key>=<value> (and BENCH_CONTENT__, BENCH_GATEWAY__) in the environment
        reach that service as <key>=<value>; the results list them.
        """;

    public string Command => $"./platform bench engagement --events {Events} --clients {Clients} --warmup-events {WarmupEvents} --durability {Durability.Name()}"
        + $" --postgres-memory {Memory.Name()}" + (Backlog ? " --backlog on" : " --backlog off") + (Statements ? " --statements on" : "");

    /// <summary>Null when the arguments are wrong or help was asked for (the usage has been printed).</summary>
    public static BenchOptions? Parse(IReadOnlyList<string> args) =>
        CommandLine.Parse(args, Default, "engagement", Usage, Apply) is not { } options ? null
        : options.Events >= options.Clients ? options
        : CommandLine.Fail<BenchOptions>("engagement", Usage, "--events must be at least --clients (each client's story starts with one event)");

    private static BenchOptions? Apply(BenchOptions options, string name, string text) => name switch
    {
        "--durability" => DurabilityExtensions.Parse(text) is { } durability ? options with { Durability = durability } : null,
        "--postgres-memory" => PostgresMemoryExtensions.Parse(text) is { } memory ? options with { Memory = memory } : null,
        "--statements" => OnOff(text) is { } statements ? options with { Statements = statements } : null,
        "--backlog" => OnOff(text) is { } backlog ? options with { Backlog = backlog } : null,
        _ => CommandLine.Number(text) is not { } value ? null : name switch
        {
            "--events" when value is >= 1_000 and <= 10_000_000 => options with { Events = value },
            "--clients" when value is >= 100 and <= 10_000_000 => options with { Clients = value },
            "--warmup-events" when value is >= 0 and <= 10_000_000 => options with { WarmupEvents = value },
            _ => null,
        },
    };

    private static bool? OnOff(string text) => text switch { "on" => true, "off" => false, _ => null };
}
