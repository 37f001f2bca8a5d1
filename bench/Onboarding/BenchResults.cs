using Platform.Bench.Onboarding.Delivery;
using Platform.Bench.Onboarding.Hosting;
using Platform.Bench.Onboarding.Load;
using Platform.Bench.Onboarding.Measuring;
using Platform.Bench.Onboarding.Reports;

namespace Platform.Bench.Onboarding;

/// <summary>Everything one run measured; a phase that did not run (failure, Ctrl-C) stays null.</summary>
public sealed class BenchResults(BenchOptions options, MachineFacts machine)
{
    public BenchOptions Options { get; } = options;

    public MachineFacts Machine { get; } = machine;

    public PhaseResult? Baseline { get; set; }

    public PhaseResult? Gateway { get; set; }

    public DeliveryResult? Delivery { get; set; }

    public PopulationResult? Population { get; set; }

    public ReportTimings? Report { get; set; }

    public ReportTimings? ReportAfterVacuum { get; set; }

    /// <summary>Clients the report should count at step registered: the populated ones plus those the gateway phase registered.</summary>
    public long ExpectedRegistered { get; set; }

    public string? Failure { get; private set; }

    public IReadOnlyList<ServiceLog> ServiceLogs { get; set; } = [];

    /// <summary>Ctrl-C or SIGTERM ended the run early: its partial figures are printed but do not replace results/latest.md.</summary>
    public bool Stopped { get; private set; }

    public int ExitCode => Failure is null ? 0 : Stopped ? 130 : 1;

    public void Fail(Exception exception, bool stopped)
    {
        Stopped = stopped && exception is OperationCanceledException;
        Failure = Stopped ? "stopped by a signal before the end (Ctrl-C / SIGTERM)" : exception.ToString();
        if (exception is ServiceFailedException failed)
        {
            ServiceLogs = [failed.ServiceLog];
        }
    }
}

/// <summary>A load phase and what the processes used meanwhile.</summary>
public sealed record PhaseResult(LoadResult Load, ResourceUsage? Usage);

/// <summary>The report through the gateway, and the service's reader alone, in milliseconds.</summary>
public sealed record ReportTimings(QueryTimings Gateway, IReadOnlyList<double> ReaderInProcess);
