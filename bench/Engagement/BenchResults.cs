using Platform.Bench.Common;
using Platform.Bench.Common.Measuring;
using Platform.Bench.Engagement.Baseline;
using Platform.Bench.Engagement.Burst;

namespace Platform.Bench.Engagement;

/// <summary>Everything one run measured; a phase that did not run (failure, Ctrl-C) stays null.</summary>
public sealed class BenchResults(BenchOptions options, MachineFacts machine) : RunResults(machine, options.Durability, options.Memory)
{
    public BenchOptions Options { get; } = options;

    /// <summary>The settings Engagement ran with, as GET /v1/config/engagement answered after the quiet hours were moved.</summary>
    public string? Settings { get; set; }

    public TimeSpan? SeedTook { get; set; }

    public int SeededClients { get; set; }

    public BurstResult? Warmup { get; set; }

    public BurstResult? SecondWarmup { get; set; }

    public BurstResult? Burst { get; set; }

    /// <summary>The yardstick: the raw consumer's reads with a short fetch back-off (<see cref="RawClient.ShortFetchBackoff"/>).</summary>
    public RawResult? Raw { get; set; }

    /// <summary>CPU over the yardstick's reads: what else the machine was doing while it was taken.</summary>
    public ResourceUsage? RawUsage { get; set; }

    /// <summary>The same reads with the client's defaults (<see cref="RawClient.Defaults"/>), shown beside the yardstick.</summary>
    public RawResult? RawDefaults { get; set; }

    public ResourceUsage? RawDefaultsUsage { get; set; }

    /// <summary>PostgreSQL's most expensive statements of the engagement database over the measured burst (--statements on).</summary>
    public IReadOnlyList<StatementCost>? Statements { get; set; }

    /// <summary>Engagement's consumption as a share of the raw consumer's: the figure.</summary>
    public double? Ratio => ShareOf(Raw);

    /// <summary>Engagement's consumption as a share of the raw consumer's with the client's defaults.</summary>
    public double? RatioToDefaults => ShareOf(RawDefaults);

    private double? ShareOf(RawResult? raw) => Burst is { } burst && raw is not null ? burst.EventsPerSecond / raw.PerSecond : null;
}
