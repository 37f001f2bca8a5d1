using Platform.TestSupport.Postgres;

namespace Platform.Bench.Common.Hosting;

/// <summary>What each <see cref="Durability"/> means for PostgreSQL, its name on the command line, and its results file.</summary>
public static class DurabilityExtensions
{
    /// <summary>The settings whose values the results print, read back from the running server (pg_settings).</summary>
    public static readonly string[] ReportedSettings = ["fsync", "synchronous_commit", "full_page_writes", "wal_sync_method"];

    /// <summary>The lines of a benchmark's usage that describe --durability.</summary>
    public const string Usage = """
          --durability durable|fast
                              PostgreSQL's settings: durable (default) = the production durability settings, fsync,
                              synchronous_commit and full_page_writes on; fast = the tests' settings, all three off (a crash
                              may lose acknowledged work), its results titled as such and written to results/latest-fast.md

        """;

    public static Durability? Parse(string text) => text switch
    {
        "durable" => Durability.Durable,
        "fast" => Durability.Fast,
        _ => null,
    };

    public static string Name(this Durability durability) => durability == Durability.Fast ? "fast" : "durable";

    /// <summary>Replacing the tests' <see cref="PostgresServer.FastSettings"/> for a durable run; none for a fast one.</summary>
    public static IReadOnlyDictionary<string, string> ServerSettings(this Durability durability) => durability == Durability.Fast
        ? new Dictionary<string, string>()
        : PostgresServer.FastSettings.Keys.ToDictionary(name => name, _ => "on");

    /// <summary>results/latest.md for a durable run, the evidence the READMEs quote; results/latest-fast.md for a fast one, which must never replace it.</summary>
    public static string ResultsFileName(this Durability durability) => durability == Durability.Fast ? "latest-fast.md" : "latest.md";

    /// <summary>What a fast run's title and notes say, so that nobody quotes its figures as a deployment's.</summary>
    public const string FastWarning = "FAST SETTINGS, NOT DURABLE: PostgreSQL ran with fsync, synchronous_commit and full_page_writes off "
        + "(the tests' settings); a deployment that keeps what it acknowledged does not get these figures";
}
