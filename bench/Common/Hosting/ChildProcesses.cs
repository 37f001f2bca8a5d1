using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Platform.Bench.Common.Hosting;

/// <summary>
/// Every service process this app started, so that none outlives it: the normal path stops them
/// one by one (SIGTERM, then SIGKILL), and ProcessExit kills whatever is left when the app is
/// ended some other way (an unhandled exception, a second Ctrl-C).
/// </summary>
public static class ChildProcesses
{
    private const int SigTerm = 15;
    private const int SigCont = 18;
    private const int SigStop = 19;
    private static readonly List<Process> Started = [];

    static ChildProcesses() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();

    public static void Add(Process process)
    {
        lock (Started)
        {
            Started.Add(process);
        }
    }

    /// <summary>SIGTERM, so the service shuts down as in production (connections closed); SIGKILL after the grace period.</summary>
    public static async Task StopAsync(Process process, TimeSpan grace)
    {
        if (!process.HasExited)
        {
            _ = Kill(process.Id, SigTerm);
            _ = Kill(process.Id, SigCont);     // a paused process acts on SIGTERM only once continued
            using var timeout = new CancellationTokenSource(grace);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }

        lock (Started)
        {
            Started.Remove(process);
        }
    }

    /// <summary>
    /// Freezes the process (SIGSTOP: no thread of it runs, its sockets stay open) until the returned scope is disposed
    /// (SIGCONT). The bench uses it to let a backlog build up behind a service.
    /// </summary>
    public static IDisposable Pause(Process process)
    {
        if (Kill(process.Id, SigStop) != 0)
        {
            throw new InvalidOperationException($"Could not pause process {process.Id} (kill -STOP failed: errno {Marshal.GetLastPInvokeError()}).");
        }

        return new Continue(process.Id);
    }

    private sealed class Continue(int pid) : IDisposable
    {
        private int continued;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref continued, 1) == 0)
            {
                _ = Kill(pid, SigCont);
            }
        }
    }

    private static void KillAll()
    {
        lock (Started)
        {
            foreach (var process in Started.Where(p => !p.HasExited))
            {
                process.Kill(entireProcessTree: true);
            }

            Started.Clear();
        }
    }

    // A plain kill(2): Process has no way to send SIGTERM.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
