using System.Diagnostics;

namespace Platform.Bench.Common.Hosting;

/// <summary>
/// One service run as a real process (<c>dotnet &lt;dll&gt;</c>) from its build output, configured
/// only through environment variables, as a deployment would: no in-memory hosting, so its
/// CPU, GC and sockets are its own and can be measured from /proc.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan HealthDeadline = TimeSpan.FromSeconds(120);
    private readonly Process process;
    private readonly LogTail log = new();

    private ServiceProcess(string name, Process process)
    {
        Name = name;
        this.process = process;
    }

    public string Name { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public static ServiceProcess Start(string name, string dll, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            // The content root is the working folder: the service finds its appsettings.json there.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {name}.");
        ChildProcesses.Add(process);
        var service = new ServiceProcess(name, process);
        process.OutputDataReceived += (_, e) => service.log.Add(e.Data);
        process.ErrorDataReceived += (_, e) => service.log.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>Starts the service and waits until <paramref name="health"/> answers 200 (2 minutes at most); stops it if it never does.</summary>
    public static async Task<ServiceProcess> StartHealthyAsync(string name, string dll, IReadOnlyDictionary<string, string> environment,
        Uri health, CancellationToken cancellationToken)
    {
        var service = Start(name, dll, environment);
        try
        {
            await service.WaitHealthyAsync(health, HealthDeadline, cancellationToken);
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>Polls <paramref name="health"/> until it answers 200; fails at once if the process exits.</summary>
    public async Task WaitHealthyAsync(Uri health, TimeSpan deadline, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var started = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new ServiceFailedException(this, $"{Name} exited with {process.ExitCode} before it was healthy");
            }

            try
            {
                using var response = await http.GetAsync(health, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    log.ResetProblems();
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // not listening yet
            }

            if (started.Elapsed > deadline)
            {
                throw new ServiceFailedException(this, $"{Name} was not healthy at {health} within {deadline.TotalSeconds:0} s");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>Freezes the service (SIGSTOP) until the scope is disposed (SIGCONT); stopping it sends SIGTERM then SIGCONT, so a frozen one shuts down too.</summary>
    public IDisposable Pause() => ChildProcesses.Pause(process);

    public ServiceLog Log(int lastLines = 40) =>
        new(Name, process.HasExited ? process.ExitCode : null, log.Snapshot(lastLines));

    public async ValueTask DisposeAsync()
    {
        await ChildProcesses.StopAsync(process, TimeSpan.FromSeconds(10));
        process.Dispose();
    }
}

/// <summary>What a service wrote, and its exit code when it has exited.</summary>
public sealed record ServiceLog(string Name, int? ExitCode, LogSnapshot Log);

/// <summary>A service died or never became healthy; its log goes into the report.</summary>
public sealed class ServiceFailedException(ServiceProcess service, string message) : Exception(message)
{
    public ServiceLog ServiceLog { get; } = service.Log();
}
