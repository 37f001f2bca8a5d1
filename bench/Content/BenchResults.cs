using Platform.Bench.Common;
using Platform.Bench.Common.Load;
using Platform.Bench.Common.Measuring;
using Platform.Bench.Content.Experiments;
using Platform.Bench.Content.Reads;
using Platform.Bench.Content.Seeding;

namespace Platform.Bench.Content;

/// <summary>Everything one run measured; a phase that did not run (failure, Ctrl-C) stays null.</summary>
public sealed class BenchResults(BenchOptions options, MachineFacts machine) : RunResults(machine, options.Durability)
{
    public BenchOptions Options { get; } = options;

    public CatalogueSeed? Catalogue { get; set; }

    public ProfileSeed? Profiles { get; set; }

    public TimeSpan? MintingTook { get; set; }

    /// <summary>The same load through a gateway and a Content that answers feeds from memory.</summary>
    public ReadPhase? HopChain { get; set; }

    /// <summary>Keys the hop chain's Content wrote to Redis and rows to its profile and exposure tables: none, or the switch did not work.</summary>
    public long? HopChainWrites { get; set; }

    public ReadPhase? Baseline { get; set; }

    public ReadPhase? Gateway { get; set; }

    public ExposureSeed? Exposures { get; set; }

    public ResultsTimings? Results { get; set; }
}

/// <summary>A load phase, what the processes used meanwhile, Redis's counters, and the answers' size (sampled).</summary>
public sealed record ReadPhase(LoadResult Load, ResourceUsage? Usage, RedisStats? WarmUp, RedisStats? Window, AnswerSample? Answers);
