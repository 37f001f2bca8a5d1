namespace Platform.Bench.Common.Hosting;

/// <summary>How PostgreSQL keeps what it acknowledged during a run (--durability); see <see cref="DurabilityExtensions"/>.</summary>
public enum Durability
{
    /// <summary>The production settings (PostgreSQL's defaults): a commit is on disk when the service hears of it. The default.</summary>
    Durable,

    /// <summary>The tests' settings: nothing waits for the disk, so a crash may lose acknowledged work. Only on request, and said so in the results.</summary>
    Fast,
}
