using System.Diagnostics;
using Npgsql;
using Platform.Bench.Common.Load;

namespace Platform.Bench.Common.Measuring;

/// <summary>
/// CPU of each process of the benchmark and of the whole machine, and PostgreSQL's committed
/// transactions, over the measured window. The machine's busy time minus ours is what other
/// work on this machine (other engineers' builds and tests) took meanwhile.
/// </summary>
public sealed class ResourceProbe(IReadOnlyList<ProcessGroup> groups, string? databaseConnectionString, string database) : IWindowProbe
{
    private readonly SessionSampler? sessions = databaseConnectionString is null ? null : new SessionSampler(databaseConnectionString, database);
    private Sample? start;

    public ResourceUsage? Usage { get; private set; }

    public async Task WindowStartedAsync()
    {
        start = await SampleAsync();
        sessions?.Start();
    }

    public async Task WindowEndedAsync()
    {
        var end = await SampleAsync();
        var (states, lockWaits) = sessions is null ? ([], []) : await sessions.StopAsync();
        if (start is null)
        {
            return;
        }

        var seconds = Stopwatch.GetElapsedTime(start.Timestamp, end.Timestamp).TotalSeconds;
        double Cores(long ticks) => ticks / ProcFs.TicksPerSecond / seconds;
        var processes = groups.Select((g, i) => new ProcessCpu(g.Name, Cores(end.GroupTicks[i] - start.GroupTicks[i]))).ToList();
        var machine = Cores(end.MachineBusy - start.MachineBusy);
        var machineTotal = Cores(end.MachineTotal - start.MachineTotal);
        var (first, last) = (start.Database, end.Database);
        double? tps = last?.Transactions is { } after && first?.Transactions is { } before ? (after - before) / seconds : null;
        Usage = new ResourceUsage(processes, machine, machineTotal, Math.Max(0, machine - processes.Sum(p => p.Cores)), tps, states, lockWaits)
        {
            MaintenanceRuns = last?.MaintenanceRuns - first?.MaintenanceRuns,
            Checkpoints = last?.Checkpoints - first?.Checkpoints,
        };
    }

    /// <summary>
    /// The processes of a platform run: this app alone (its children are the services and servers, counted on their own rows),
    /// each service by name, PostgreSQL (the postmaster and its backends) and Redis; with the sessions of <paramref name="database"/>.
    /// </summary>
    public static ResourceProbe ForPlatform(Hosting.Infrastructure infrastructure, string benchApp, IEnumerable<Hosting.ServiceProcess> services,
        string database) => new(
        [
            ProcessGroup.ById(benchApp, Environment.ProcessId, withChildren: false),
            .. services.Select(service => ProcessGroup.ById(service.Name, service.Id)),
            ProcessGroup.ByArguments("postgres (all backends)", "postgres", "-p", infrastructure.Postgres.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ProcessGroup.ByArguments("redis-server", "redis-server", $"127.0.0.1:{infrastructure.Redis.Port}"),
        ],
        infrastructure.Database(database), database);

    private async Task<Sample> SampleAsync()
    {
        var database = await DatabaseCountersAsync();
        var all = ProcFs.All();
        var (busy, total) = ProcFs.MachineTicks();
        return new Sample(Stopwatch.GetTimestamp(), [.. groups.Select(g => g.Find(all) is not { } pid ? 0
                : g.WithChildren ? ProcFs.TreeCpuTicks(pid, all) : all.FirstOrDefault(p => p.Id == pid)?.CpuTicks ?? 0)],
            busy, total, database);
    }

    /// <summary>
    /// PostgreSQL's cumulative counters: the service database's committed and rolled-back transactions, the autovacuum and
    /// autoanalyze runs that have ended on its tables, and the server's checkpoints. The last two are PostgreSQL's own work,
    /// counted in its CPU row: whether they fall in a window moves its CPU per operation between runs of the same code.
    /// </summary>
    private async Task<DatabaseCounters?> DatabaseCountersAsync()
    {
        if (databaseConnectionString is null)
        {
            return null;
        }

        await using var connection = new NpgsqlConnection(databaseConnectionString);
        await connection.OpenAsync();
        // A new connection each time: a session caches statistics until its transaction ends. PostgreSQL 17 moved the
        // checkpoint counts from pg_stat_bgwriter to pg_stat_checkpointer.
        var checkpoints = connection.PostgreSqlVersion.Major >= 17
            ? "SELECT (num_timed + num_requested)::bigint FROM pg_stat_checkpointer"
            : "SELECT (checkpoints_timed + checkpoints_req)::bigint FROM pg_stat_bgwriter";
        await using var command = new NpgsqlCommand($"""
            SELECT (SELECT (xact_commit + xact_rollback)::bigint FROM pg_stat_database WHERE datname = $1),
                   (SELECT coalesce(sum(autovacuum_count + autoanalyze_count), 0)::bigint FROM pg_stat_user_tables),
                   ({checkpoints})
            """, connection);
        command.Parameters.AddWithValue(database);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new DatabaseCounters(reader.IsDBNull(0) ? null : reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private sealed record DatabaseCounters(long? Transactions, long MaintenanceRuns, long Checkpoints);

    private sealed record Sample(long Timestamp, long[] GroupTicks, long MachineBusy, long MachineTotal, DatabaseCounters? Database);
}

/// <summary>A process tree to measure, found by its root's id or, for servers started through runuser, by its command line.</summary>
public sealed record ProcessGroup(string Name, Func<IReadOnlyList<ProcStat>, int?> Find, bool WithChildren = true)
{
    public static ProcessGroup ById(string name, int pid, bool withChildren = true) => new(name, _ => pid, withChildren);

    /// <summary>
    /// The topmost process whose arguments include every one of <paramref name="arguments"/>, whole (a program also by its
    /// file name): whole arguments, so that port 4424 does not match a server on port 44245.
    /// </summary>
    public static ProcessGroup ByArguments(string name, params string[] arguments) => new(name, all =>
    {
        var matches = all.Where(p => Matches(p.CommandLine.Split(' '), arguments)).ToList();
        var ids = matches.Select(p => p.Id).ToHashSet();
        return matches.FirstOrDefault(p => !ids.Contains(p.ParentId))?.Id;
    });

    private static bool Matches(string[] actual, string[] wanted) =>
        wanted.All(w => actual.Any(a => a == w || a.EndsWith("/" + w, StringComparison.Ordinal)));
}

/// <summary>Cores used over the window (1.0 = one core busy the whole time).</summary>
public sealed record ProcessCpu(string Name, double Cores);

/// <param name="DatabaseSessions">Average PostgreSQL sessions of the service's database per state and wait event.</param>
/// <param name="LockWaits">Average sessions waiting for a lock, per statement they run.</param>
public sealed record ResourceUsage(IReadOnlyList<ProcessCpu> Processes, double MachineBusyCores, double MachineCores, double OtherCores,
    double? DatabaseTransactionsPerSecond, IReadOnlyList<(string State, double Sessions)> DatabaseSessions,
    IReadOnlyList<(string Statement, double Sessions)> LockWaits)
{
    /// <summary>Autovacuum and autoanalyze runs that ended on the service database's tables in the window.</summary>
    public long? MaintenanceRuns { get; init; }

    /// <summary>PostgreSQL checkpoints (timed or requested) that completed in the window.</summary>
    public long? Checkpoints { get; init; }
}
