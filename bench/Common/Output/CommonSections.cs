using Platform.Bench.Common.Hosting;
using Platform.Bench.Common.Measuring;

namespace Platform.Bench.Common.Output;

/// <summary>The sections every benchmark's results have: the run, CPU per phase, a failure, the services' logs.</summary>
public static class CommonSections
{
    public const string OtherWork = "other work on the machine";

    /// <summary>"<paramref name="name"/>, date UTC", and for a fast run the warning that its figures are not a durable deployment's.</summary>
    public static string Title(RunResults results, string name) =>
        $"{name}, {results.Machine.StartedAt:yyyy-MM-dd HH:mm} UTC" + (results.Durability == Durability.Fast ? $" -- {DurabilityExtensions.FastWarning}" : string.Empty);

    /// <param name="command">The command line that reproduces the run, every option spelled out.</param>
    /// <param name="services">The services whose BENCH_&lt;SERVICE&gt;__ overrides are listed.</param>
    public static Section Run(RunResults results, string command, params string[] services)
    {
        var machine = results.Machine;
        return Section.KeyValues("Run",
        [
            ("command", command),
            ("commit", machine.Commit),
            ("machine", $"{machine.Cores} cores ({machine.CpuModel}), {machine.Memory} memory, {machine.OperatingSystem}"),
            ("runtime", $"{machine.Runtime}, {RepoLayout.Configuration} build"),
            ("load average at start (1/5/15 min)", machine.LoadAverageAtStart),
            ("settings changed for this run (BENCH_<SERVICE>__*)", ServiceEnvironment.DescribeOverrides(services)),
            ($"PostgreSQL durability (--durability {results.Durability.Name()})", results.DatabaseSettings ?? "PostgreSQL did not start"),
            .. results.MemorySettings is { } memory ? [($"PostgreSQL memory ({results.Memory.Name()})", memory)] : Array.Empty<(string, string)>(),
        ],
        [
            .. results.Durability == Durability.Fast ? [DurabilityExtensions.FastWarning + "."] : Array.Empty<string>(),
            "PostgreSQL's settings are read back from the running server (pg_settings). Durable: a commit returns once its WAL is flushed "
                + "to disk, as in a deployment; that wait is part of every step's latency.",
            "Whether other work ran on the machine is not known in advance (other engineers build and test on it); the CPU table "
                + "shows how much of the machine the benchmark's own processes did not use. Compare figures within one run only.",
        ]);
    }

    /// <param name="phases">One column each.</param>
    /// <param name="database">The service database whose transactions are counted.</param>
    /// <param name="operation">What one operation is in the "CPU ms per ..." rows (e.g. "202").</param>
    public static Section? Cpu(IReadOnlyList<CpuPhase> phases, string database, string operation, params string[] notes)
    {
        if (phases.Count == 0)
        {
            return null;
        }

        var names = phases.SelectMany(p => p.Usage.Processes.Select(c => c.Name)).Distinct().ToList();
        List<IReadOnlyList<string>> rows = [.. names.Select(name => (IReadOnlyList<string>)[name, .. phases.Select(p => Format.Cores(p.Cores(name)))])];
        rows.Add(["all of the above", .. phases.Select(p => Format.Cores(p.Usage.Processes.Sum(c => c.Cores)))]);
        rows.Add([OtherWork, .. phases.Select(p => Format.Cores(p.Usage.OtherCores))]);
        rows.Add(["machine busy", .. phases.Select(p => $"{Format.Cores(p.Usage.MachineBusyCores)} of {Format.Cores(p.Usage.MachineCores)}")]);
        rows.Add([$"PostgreSQL transactions/s ({database} db)", .. phases.Select(p => p.Usage.DatabaseTransactionsPerSecond is { } tps ? Format.Count(tps) : "-")]);
        rows.Add([$"PostgreSQL autovacuum and autoanalyze runs ended ({database} db)", .. phases.Select(p => p.Usage.MaintenanceRuns is { } runs ? Format.Count(runs) : "-")]);
        rows.Add(["PostgreSQL checkpoints completed", .. phases.Select(p => p.Usage.Checkpoints is { } checkpoints ? Format.Count(checkpoints) : "-")]);
        foreach (var name in names)
        {
            rows.Add([$"CPU ms per {operation}: {name}", .. phases.Select(p => p.OperationsPerSecond is > 0 and var perSecond
                ? Format.Milliseconds(p.Cores(name) * 1000 / perSecond) : "-")]);
        }

        return new Section("CPU over the measured window, in cores busy (1.00 = one core all the time)", ["process", .. phases.Select(p => p.Name)], rows,
        [
            "From /proc: user + system time of each process (PostgreSQL: the postmaster and all its backends) and of the whole machine.",
            $"CPU ms per {operation} = cores busy x 1000 / {operation}s per second: what one cost each process, waiting included where waiting burns CPU.",
            $"PostgreSQL transactions/s from pg_stat_database (xact_commit + xact_rollback), which backends report up to a second late.",
            "Autovacuum and autoanalyze runs (pg_stat_user_tables) and checkpoints (pg_stat_bgwriter, pg_stat_checkpointer from PostgreSQL 17): "
                + "PostgreSQL's own work, in its CPU row; whether they fall in a window moves its CPU per operation between runs.",
            .. notes,
        ]);
    }

    /// <summary>Where the service's database sessions spent a window (<see cref="SessionSampler"/>); null without samples.</summary>
    public static Section? Sessions(ResourceUsage? usage, string title)
    {
        if (usage is not { DatabaseSessions.Count: > 0 })
        {
            return null;
        }

        var rows = usage.DatabaseSessions.Select(s => (IReadOnlyList<string>)[s.State, Format.Cores(s.Sessions)]).ToList();
        rows.Add(["all sessions", Format.Cores(usage.DatabaseSessions.Sum(s => s.Sessions))]);
        rows.AddRange(usage.LockWaits.Take(3).Select(w => (IReadOnlyList<string>)[$"waiting for a lock in: {w.Statement} ...", Format.Cores(w.Sessions)]));
        return new Section(title, ["state, wait event", "sessions (average)"], rows,
        [
            "pg_stat_activity sampled every 250 ms. 'active, Lock: ...' = waiting for another transaction's row or advisory lock; "
                + "'idle in transaction, Client: ClientRead' = a transaction is open and PostgreSQL waits for the service's next round trip; "
                + "'idle' = pooled connections with nothing to do. The last rows name the statements the lock waiters were running.",
        ]);
    }

    /// <summary>
    /// PostgreSQL's most expensive statements over a window (--statements on, <see cref="Measuring.StatementProfile"/>), with the
    /// execution time per unit of work (<paramref name="units"/> <paramref name="unit"/>s in the window); null when not profiled.
    /// </summary>
    public static Section? Statements(IReadOnlyList<StatementCost>? statements, long units, string unit, string window, string readAt)
    {
        if (statements is null || units <= 0)
        {
            return null;
        }

        return new Section($"PostgreSQL's most expensive statements over {window} (--statements on)",
            ["statement", "calls", "total ms", $"ms per {unit}", "plan ms", "rows", "WAL MB"],
            [.. statements.Select(s => (IReadOnlyList<string>)
            [
                "`" + Shorten(s.Query) + "`", Format.Count(s.Calls), Format.Count(s.TotalMilliseconds),
                Format.Milliseconds(s.TotalMilliseconds / units), Format.Count(s.PlanMilliseconds), Format.Count(s.Rows), Format.Megabytes(s.WalBytes),
            ])],
            [$"From pg_stat_statements, reset when {window} started, read {readAt}. Total and per {unit}: execution time; plan ms: "
                + "planning time besides (track_planning; an unprepared statement is planned on every call). The commits' WAL flushes "
                + "are in neither. Ordered by the two together. The extension is loaded only with --statements on."]);

        static string Shorten(string query)
        {
            var line = string.Join(' ', query.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries)).Replace('|', '/');
            return line.Length <= 160 ? line : line[..157] + "...";
        }
    }

    public static Section? Failure(RunResults results) => results.Failure is null
        ? null
        : new Section("The run did not finish", [], [], ["Figures above are those of the phases that completed."],
            results.Failure.Split('\n').Take(40).ToArray());

    /// <summary>Counts always; the newest warnings and errors since the services were healthy; the last lines of a service that exited or of a failed run.</summary>
    public static Section? Logs(RunResults results)
    {
        if (results.ServiceLogs.Count == 0)
        {
            return null;
        }

        var rows = results.ServiceLogs.Select(l => (IReadOnlyList<string>)
        [
            l.Name, Format.Count(l.Log.Lines), Format.Count(l.Log.Warnings), Format.Count(l.Log.Errors), l.ExitCode?.ToString() ?? "running",
        ]).ToList();
        var code = new List<string>();
        foreach (var log in results.ServiceLogs)
        {
            if (log.Log.Problems.Count > 0)
            {
                code.Add($"--- {log.Name}: distinct warnings and errors since healthy, with their counts ---");
                code.AddRange(log.Log.Problems);
            }

            if (log.ExitCode is not null || results.Failure is not null && !results.Stopped)
            {
                code.Add($"--- {log.Name}: last {log.Log.Tail.Count} lines ---");
                code.AddRange(log.Log.Tail);
            }
        }

        return new Section("Service logs (stdout + stderr, the services' own log levels)",
            ["service", "lines", "warnings since healthy", "errors since healthy", "exit code"], rows,
            code.Count > 0 ? ["Their lines follow."] : ["Nothing to show: no warnings or errors after start."], code);
    }
}

/// <summary>A column of the CPU table: a phase's measured window and how many operations per second it did (null: none to divide by).</summary>
public sealed record CpuPhase(string Name, ResourceUsage Usage, double? OperationsPerSecond)
{
    public double Cores(string process) => Usage.Processes.FirstOrDefault(c => c.Name == process)?.Cores ?? 0;
}
