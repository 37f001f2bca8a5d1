using Platform.Bench.Common;
using Platform.Bench.Common.Load;
using Platform.Bench.Common.Measuring;
using Platform.Bench.Tiering.Reads;
using Platform.Bench.Tiering.Recalculation;
using Platform.Bench.Tiering.Seeding;

namespace Platform.Bench.Tiering;

/// <summary>Everything one run measured; a phase that did not run (failure, Ctrl-C) stays null.</summary>
public sealed class BenchResults(BenchOptions options, MachineFacts machine) : RunResults(machine, options.Durability)
{
    public BenchOptions Options { get; } = options;

    /// <summary>The clients the sweep recalculates first, before the trigger, so that the measured one runs warm (tiered JIT).</summary>
    public SeedResult? WarmupSeed { get; set; }

    public SeedResult? Seed { get; set; }

    public TimeSpan? VacuumTook { get; set; }

    public RecalculationResult? Recalculation { get; set; }

    public ReadResult? Reads { get; set; }
}

/// <summary>The read phase: the load, what the processes used, Redis's lookups, and the tokens behind it.</summary>
public sealed record ReadResult(LoadResult Load, ResourceUsage? Usage, RedisStats? WarmUp, RedisStats? Window, int SampledClients, TimeSpan MintingTook);
