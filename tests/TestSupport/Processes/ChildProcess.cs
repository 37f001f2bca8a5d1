using System.Diagnostics;
using System.Text;

namespace Platform.TestSupport.Processes;

/// <summary>Starts OS programs for tests, with output captured for diagnostics and never inherited.</summary>
public static class ChildProcess
{
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>Starts <paramref name="file"/>, as <paramref name="user"/> (through runuser) when running as root.</summary>
    public static Process Start(string file, IEnumerable<string> arguments, string? user, StringBuilder output)
    {
        var info = new ProcessStartInfo
        {
            FileName = user is not null && IsRoot ? "runuser" : file,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (user is not null && IsRoot)
        {
            foreach (var argument in new[] { "-u", user, "--", file })
            {
                info.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs a program to completion and throws with its output when it fails.</summary>
    public static async Task RunAsync(string file, IEnumerable<string> arguments, string? user, TimeSpan timeout)
    {
        var output = new StringBuilder();
        using var process = Start(file, arguments, user, output);
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} exited with {process.ExitCode}:\n{output}");
        }
    }

    /// <summary>Polls <paramref name="probe"/> until it returns true or the deadline passes.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> probe, TimeSpan deadline, string what)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < deadline)
        {
            try
            {
                if (await probe())
                {
                    return;
                }
            }
            catch (Exception) when (stopwatch.Elapsed < deadline)
            {
                // not yet
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{what} did not happen within {deadline.TotalSeconds} s.");
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
