namespace Platform.Bench.Common.Output;

/// <summary>Progress lines while a benchmark runs, and its results at the end: the console always, results/latest.md unless stopped.</summary>
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
            MarkdownRenderer.Write(document, bench);
            Console.WriteLine($"[bench] written to {Path.GetRelativePath(Hosting.RepoLayout.Root, Hosting.RepoLayout.ResultsFile(bench))}");
        }

        return results.ExitCode;
    }
}
