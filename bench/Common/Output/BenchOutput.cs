namespace Platform.Bench.Common.Output;

/// <summary>Progress lines while a benchmark runs, and its results at the end: the console always, results/latest.md (or latest-fast.md) unless stopped.</summary>
public static class BenchOutput
{
    public static void Progress(string message) => Console.WriteLine($"[bench] {DateTime.Now:HH:mm:ss} {message}");

    /// <param name="bench">The benchmark's folder under bench/ (Onboarding, Tiering).</param>
    /// <returns>The run's exit code.</returns>
    public static int Finish(RunResults results, Document document, string bench)
    {
        ConsoleRenderer.Write(document);
        if (!results.Stopped)
        {
            var path = Hosting.RepoLayout.ResultsFile(bench, results.Durability);
            MarkdownRenderer.Write(document, bench, path);
            Console.WriteLine($"[bench] written to {Path.GetRelativePath(Hosting.RepoLayout.Root, path)}");
        }

        return results.ExitCode;
    }
}
