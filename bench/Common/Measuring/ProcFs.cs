using System.Globalization;

namespace Platform.Bench.Common.Measuring;

/// <summary>CPU time of processes and of the machine from /proc (Linux), in clock ticks of 1/100 s (USER_HZ).</summary>
public static class ProcFs
{
    public const double TicksPerSecond = 100;

    /// <summary>
    /// user + system time of <paramref name="root"/> and every process below it that is alive now, with what each has reaped of
    /// its exited children: PostgreSQL's backends come and go with the services' connection pools, and a backend that exited
    /// between two samples would otherwise take its whole CPU time out of the difference (the PostgreSQL row read -4.80 cores
    /// over a window in which pools closed connections). The postmaster reaps them, so their time stays in the tree.
    /// </summary>
    public static long TreeCpuTicks(int root, IReadOnlyList<ProcStat> all)
    {
        var children = all.ToLookup(p => p.ParentId);
        long total = 0;
        var queue = new Queue<int>([root]);
        while (queue.TryDequeue(out var pid))
        {
            total += all.FirstOrDefault(p => p.Id == pid) is { } process ? process.CpuTicks + process.ReapedChildrenCpuTicks : 0;
            foreach (var child in children[pid])
            {
                queue.Enqueue(child.Id);
            }
        }

        return total;
    }

    /// <summary>Every process now: id, parent, CPU ticks, command line (NUL-separated arguments joined by spaces).</summary>
    public static IReadOnlyList<ProcStat> All()
    {
        var processes = new List<ProcStat>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Read(pid) is { } stat)
            {
                processes.Add(stat);
            }
        }

        return processes;
    }

    /// <summary>Busy and total ticks of all cores (/proc/stat "cpu" line); idle and iowait count as not busy.</summary>
    public static (long Busy, long Total) MachineTicks()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Sum();
        return (total - fields[3] - fields[4], total);
    }

    private static ProcStat? Read(int pid)
    {
        try
        {
            // "pid (comm) state ppid ... utime stime ...": comm may hold spaces and parentheses, so split after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            long Ticks(int field) => long.Parse(fields[field], CultureInfo.InvariantCulture);
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
            return new ProcStat(pid, int.Parse(fields[1], CultureInfo.InvariantCulture), Ticks(11) + Ticks(12), commandLine)
            {
                ReapedChildrenCpuTicks = Ticks(13) + Ticks(14),
            };
        }
        catch (IOException)
        {
            return null;   // exited meanwhile
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <param name="CpuTicks">The process's own user + system time (utime + stime).</param>
public sealed record ProcStat(int Id, int ParentId, long CpuTicks, string CommandLine)
{
    /// <summary>user + system time of its children that have exited and been waited for (cutime + cstime).</summary>
    public long ReapedChildrenCpuTicks { get; init; }
}
