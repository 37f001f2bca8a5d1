namespace Platform.Bench.Common.Hosting;

/// <summary>Where the repository, the services' build output and the results file are, seen from this app's output folder.</summary>
public static class RepoLayout
{
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    public static string Root { get; } = FindRoot();

    /// <summary>The output folder's name, e.g. net10.0: the services are built for the same framework (project references).</summary>
    private static string TargetFramework => Path.GetFileName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));

    /// <summary>bench/<paramref name="bench"/>/results/latest.md (durable runs: the evidence the READMEs quote) or latest-fast.md.</summary>
    public static string ResultsFile(string bench, Durability durability) => Path.Combine(Root, "bench", bench, "results", durability.ResultsFileName());

    /// <summary>src/<paramref name="project"/>/bin/&lt;Configuration&gt;/&lt;tfm&gt;/<paramref name="project"/>.dll, built with this app.</summary>
    public static string ServiceDll(string project)
    {
        var dll = Path.Combine(Root, "src", project, "bin", Configuration, TargetFramework, project + ".dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"{dll} is missing; run the benchmark through ./platform bench <name>, which builds it.", dll);
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Platform.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"Platform.sln not found above {AppContext.BaseDirectory}.");
    }
}
