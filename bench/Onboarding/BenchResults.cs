using Platform.Bench.Common;
using Platform.Bench.Common.Load;
using Platform.Bench.Common.Measuring;
using Platform.Bench.Onboarding.Delivery;
using Platform.Bench.Onboarding.Population;
using Platform.Bench.Onboarding.Reports;

namespace Platform.Bench.Onboarding;

/// <summary>Everything one run measured; a phase that did not run (failure, Ctrl-C) stays null.</summary>
public sealed class BenchResults(BenchOptions options, MachineFacts machine) : RunResults(machine, options.Durability)
{
    public BenchOptions Options { get; } = options;

    /// <summary>The clients in the database before any load (<see cref="ExistingClients"/>).</summary>
    public ExistingClientsResult? Existing { get; set; }

    public PhaseResult? Baseline { get; set; }

    public PhaseResult? Gateway { get; set; }

    /// <summary>The same load through a gateway and an Onboarding that answers without recording.</summary>
    public PhaseResult? HopChain { get; set; }

    /// <summary>Rows the hop chain's Onboarding wrote in its database (steps, events to publish): none, or the switch did not work.</summary>
    public long? HopChainRecordedRows { get; set; }

    public DeliveryResult? Delivery { get; set; }

    /// <summary>PostgreSQL's most expensive statements of the onboarding database over the gateway phase (--statements on).</summary>
    public IReadOnlyList<StatementCost>? Statements { get; set; }

    public PopulationResult? Population { get; set; }

    public ReportTimings? Report { get; set; }

    public ReportTimings? ReportAfterVacuum { get; set; }

    /// <summary>Clients the report should count at step registered: the populated ones plus those the gateway phase registered.</summary>
    public long ExpectedRegistered { get; set; }
}

/// <summary>A load phase and what the processes used meanwhile.</summary>
public sealed record PhaseResult(LoadResult Load, ResourceUsage? Usage);

/// <summary>The report through the gateway, and the service's reader alone, in milliseconds.</summary>
public sealed record ReportTimings(QueryTimings Gateway, IReadOnlyList<double> ReaderInProcess);
