namespace Platform.Bench.Common.Hosting;

/// <summary>What each <see cref="PostgresMemory"/> means for PostgreSQL, and its name on the command line.</summary>
/// <remarks>
/// PostgreSQL's stock settings (128 MB of shared buffers, a checkpoint at least every 1 GB of WAL) are sized so that it starts
/// anywhere, not for a server: its own documentation suggests a quarter of the machine's memory for shared buffers. With
/// them, the million-event Engagement run's working set (the engagement database was 349 MB at its end) did not fit: during
/// the measured burst backends wrote out 54,000 dirty buffers themselves and read 62,000 (with 1 GB: none written, 28,000
/// read, the seeded pages' first use: the seed's bulk insert goes through a small ring of buffers). That cost
/// less than the runs' noise (back to back: 26,345 events/s stock, 25,510 with 1 GB), but a deployment would not run so, and
/// a benchmark measures what a deployment gets. 1 GB holds the run's data and is a small share of this machine's 24 GB.
/// Durability is untouched (--durability): every commit still waits for its WAL to reach the disk.
/// </remarks>
public static class PostgresMemoryExtensions
{
    /// <summary>The settings whose values the results print, read back from the running server.</summary>
    public static readonly string[] ReportedSettings = ["shared_buffers", "wal_buffers", "max_wal_size", "checkpoint_timeout"];

    /// <summary>The lines of a benchmark's usage that describe --postgres-memory.</summary>
    public const string Usage = """
          --postgres-memory deployment|stock
                              PostgreSQL's memory: deployment (default) = shared_buffers 1GB (the run's data fits in
                              memory) and max_wal_size 4GB (checkpoints by time rather than by WAL volume), as a
                              database server is given; stock = PostgreSQL's own defaults (128MB, 1GB), as the tests
                              start it

        """;

    public static PostgresMemory? Parse(string text) => text switch
    {
        "deployment" => PostgresMemory.Deployment,
        "stock" => PostgresMemory.Stock,
        _ => null,
    };

    public static string Name(this PostgresMemory memory) => memory == PostgresMemory.Stock ? "stock" : "deployment";

    /// <summary>Added to the durability's settings; none for the stock memory.</summary>
    public static IReadOnlyDictionary<string, string> ServerSettings(this PostgresMemory memory) => memory == PostgresMemory.Stock
        ? new Dictionary<string, string>()
        : new Dictionary<string, string> { ["shared_buffers"] = "1GB", ["max_wal_size"] = "4GB" };
}
