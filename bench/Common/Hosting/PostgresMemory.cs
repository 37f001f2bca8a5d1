namespace Platform.Bench.Common.Hosting;

/// <summary>How much memory PostgreSQL gets for a run (--postgres-memory); see <see cref="PostgresMemoryExtensions"/>.</summary>
public enum PostgresMemory
{
    /// <summary>What a deployment's database server is given: the working set of the run in shared buffers. The default.</summary>
    Deployment,

    /// <summary>PostgreSQL's own defaults, as the tests start it: 128 MB of shared buffers, sized to start on any laptop.</summary>
    Stock,
}
