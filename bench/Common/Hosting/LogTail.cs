namespace Platform.Bench.Common.Hosting;

/// <summary>
/// The newest lines a service wrote (stdout and stderr), and separately its warning and error
/// entries (console logger: a "warn:"/"fail:"/"crit:" line and its indented message), counted
/// per distinct entry so that a storm of one warning and a chatty Information log under load do
/// not push the other problems out of the report. The pipes must be drained anyway, or a chatty
/// service would block on a full pipe.
/// </summary>
public sealed class LogTail(int capacity = 200)
{
    private const int DistinctProblems = 20;
    private readonly Queue<string> lines = new(capacity);
    private readonly Dictionary<string, (long Count, long Last)> problems = [];
    private List<string>? entry;
    private long total;
    private long warnings;
    private long errors;

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lines)
        {
            total++;
            switch (line.Length > 5 && line[4] == ':' ? line[..5] : null)
            {
                case "warn:":
                    warnings++;
                    Begin(line);
                    break;
                case "fail:" or "crit:":
                    errors++;
                    Begin(line);
                    break;
                case "info:" or "dbug:" or "trce:":
                    End();
                    break;
                default:
                    if (line.StartsWith("Unhandled exception", StringComparison.Ordinal))
                    {
                        errors++;
                        Begin(line);
                    }
                    else
                    {
                        entry?.Add(line);
                    }

                    break;
            }

            if (lines.Count == capacity)
            {
                lines.Dequeue();
            }

            lines.Enqueue(line);
        }
    }

    /// <summary>From now on, warnings and errors count anew: those of a normal start (health checks failing until migrations ran) are not news.</summary>
    public void ResetProblems()
    {
        lock (lines)
        {
            (warnings, errors, entry) = (0, 0, null);
            problems.Clear();
        }
    }

    public LogSnapshot Snapshot(int last)
    {
        lock (lines)
        {
            End();
            var distinct = problems.OrderBy(p => p.Value.Last).SelectMany(p => new[] { $"[{p.Value.Count} x]" }.Concat(p.Key.Split('\n'))).ToArray();
            return new LogSnapshot(total, warnings, errors, distinct, [.. lines.Skip(Math.Max(0, lines.Count - last))]);
        }
    }

    private void Begin(string line)
    {
        End();
        entry = [line];
    }

    private void End()
    {
        if (entry is null)
        {
            return;
        }

        var text = string.Join('\n', entry.Take(30));
        entry = null;
        if (problems.Count >= DistinctProblems && !problems.ContainsKey(text))
        {
            problems.Remove(problems.MinBy(p => p.Value.Last).Key);
        }

        problems[text] = (problems.GetValueOrDefault(text).Count + 1, total);
    }
}

/// <summary>
/// Lines since start; warnings and errors since the service was healthy, with their distinct entries (each after a
/// "[n x]" line, oldest first); the newest lines of all.
/// </summary>
public sealed record LogSnapshot(long Lines, long Warnings, long Errors, IReadOnlyList<string> Problems, IReadOnlyList<string> Tail);
