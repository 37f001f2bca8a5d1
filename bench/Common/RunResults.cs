using Platform.Bench.Common.Hosting;
using Platform.Bench.Common.Measuring;

namespace Platform.Bench.Common;

/// <summary>What every benchmark's results carry besides its figures: the machine, how the run ended, the services' logs.</summary>
public abstract class RunResults(MachineFacts machine, Durability durability, PostgresMemory memory = PostgresMemory.Stock)
{
    public MachineFacts Machine { get; } = machine;

    /// <summary>What the run asked PostgreSQL for (--durability).</summary>
    public Durability Durability { get; } = durability;

    /// <summary>PostgreSQL's durability settings as the server reported them once it ran (<see cref="Measuring.DatabaseSettings"/>).</summary>
    public string? DatabaseSettings { get; set; }

    /// <summary>What the run asked PostgreSQL's memory to be (--postgres-memory where a benchmark offers it; else stock).</summary>
    public PostgresMemory Memory { get; } = memory;

    /// <summary>PostgreSQL's memory and checkpoint settings as the server reported them (<see cref="Measuring.DatabaseSettings.MemoryAsync"/>).</summary>
    public string? MemorySettings { get; set; }

    public string? Failure { get; private set; }

    public IReadOnlyList<ServiceLog> ServiceLogs { get; set; } = [];

    /// <summary>Ctrl-C or SIGTERM ended the run early: its partial figures are printed but do not replace results/latest.md.</summary>
    public bool Stopped { get; private set; }

    /// <summary>0 when every phase ran (whether or not the targets were met), 1 on a failure, 130 when stopped by a signal.</summary>
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
