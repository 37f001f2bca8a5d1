using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Platform.DevBroker.Tests;

// The DevBroker executable run with `dotnet DevBroker.dll`, as the app host runs it.
internal sealed class DevBrokerProcess : IDisposable
{
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();

    private DevBrokerProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    public int ExitCode => _process.ExitCode;

    public static DevBrokerProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        // The build copies DevBroker.dll with its runtimeconfig and deps next to the test assembly.
        var dll = Path.Combine(AppContext.BaseDirectory, "DevBroker.dll");
        Assert.True(File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")), $"{dll} and its runtimeconfig should be next to the tests.");

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var broker = new DevBrokerProcess(new Process { StartInfo = start });
        broker._process.OutputDataReceived += (_, e) => broker.Append(e.Data);
        broker._process.ErrorDataReceived += (_, e) => broker.Append(e.Data);
        broker._process.Start();
        broker._process.BeginOutputReadLine();
        broker._process.BeginErrorReadLine();
        return broker;
    }

    // Waits for a file to appear, failing early if the process exits first.
    public async Task<string> WaitForFileAsync(string path, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        using var watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path)) { EnableRaisingEvents = true };
        var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        watcher.Created += (_, _) => created.TrySetResult();
        watcher.Renamed += (_, _) => created.TrySetResult();
        while (!File.Exists(path))
        {
            Assert.False(_process.HasExited, $"DevBroker exited with {(_process.HasExited ? _process.ExitCode : 0)} before writing {path}:\n{Output}");
            await Task.WhenAny(created.Task, _process.WaitForExitAsync(deadline.Token)).WaitAsync(deadline.Token);
        }

        return await File.ReadAllTextAsync(path, ct);
    }

    public void Terminate() => Assert.Equal(0, Kill(_process.Id, SigTerm));

    public async Task WaitForExitAsync(TimeSpan timeout, CancellationToken ct)
    {
        await _process.WaitForExitAsync(ct).WaitAsync(timeout, ct);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.AppendLine(line);
        }
    }

    // .NET has no API to send SIGTERM; Process.Kill sends SIGKILL, which skips a graceful stop.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
