using System.Runtime.InteropServices;

namespace Platform.Bench.Common;

/// <summary>
/// Ctrl-C, SIGTERM and SIGHUP cancel the run instead of killing the process, so that the
/// cleanup (services, PostgreSQL, Redis, DevBroker) always runs. A second signal is left to
/// its default action; <see cref="Hosting.ChildProcesses"/> still kills the services on the way out.
/// </summary>
public sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly PosixSignalRegistration[] registrations;

    public StopSignal()
    {
        registrations = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }.Select(signal =>
            PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = !stop.IsCancellationRequested;
                if (context.Cancel)
                {
                    Console.Error.WriteLine($"[bench] {context.Signal}: stopping, cleaning up (again to force)");
                    stop.Cancel();
                }
            }))];
    }

    public CancellationToken Token => stop.Token;

    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }

        stop.Dispose();
    }
}
