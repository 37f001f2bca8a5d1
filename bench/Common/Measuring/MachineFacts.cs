using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Platform.Bench.Common.Measuring;

/// <summary>What the figures were measured on. The load average at start hints at other work on the machine; it cannot prove its absence.</summary>
public sealed record MachineFacts(int Cores, string CpuModel, string Memory, string OperatingSystem, string Runtime, string LoadAverageAtStart,
    string Commit, DateTimeOffset StartedAt)
{
    public static MachineFacts Read() => new(
        Environment.ProcessorCount,
        FirstValue("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        FirstValue("/proc/meminfo", "MemTotal") ?? "?",
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        TryRead("/proc/loadavg") is { } load ? string.Join(' ', load.Split(' ').Take(3)) : "?",
        GitCommit(),
        DateTimeOffset.UtcNow);

    private static string? FirstValue(string file, string key) =>
        TryRead(file)?.Split('\n').FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal))?.Split(':', 2)[1].Trim();

    private static string? TryRead(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The commit measured, with "+ local changes" when the work tree differs from it.</summary>
    private static string GitCommit()
    {
        try
        {
            var commit = Git("rev-parse --short HEAD");
            var dirty = Git("status --porcelain --untracked-files=no -- src bench").Length > 0;
            return dirty ? $"{commit} + local changes" : commit;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }

    private static string Git(string arguments)
    {
        var info = new ProcessStartInfo("git", arguments)
        {
            WorkingDirectory = Hosting.RepoLayout.Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var git = Process.Start(info) ?? throw new InvalidOperationException("git did not start");
        var output = git.StandardOutput.ReadToEnd().Trim();
        git.WaitForExit();
        return git.ExitCode == 0 ? output : throw new InvalidOperationException("git failed");
    }
}
