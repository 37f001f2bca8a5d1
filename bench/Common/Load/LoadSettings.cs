namespace Platform.Bench.Common.Load;

/// <summary>
/// Where the load goes: a name for the tables, the status code that counts as success (202 for a
/// command, 200 for a read) and, when every request carries the same one, the bearer token.
/// </summary>
public sealed record LoadTarget(string Name, string SuccessStatus, string? BearerToken = null);

/// <summary>The same for every target of a run, so that the figures compare.</summary>
public sealed record LoadSettings(int Connections, TimeSpan Warmup, TimeSpan Duration);

/// <summary>Told when the measured window starts and ends, to sample CPU and database counters over exactly that window.</summary>
public interface IWindowProbe
{
    Task WindowStartedAsync();

    Task WindowEndedAsync();
}

/// <summary>
/// The requests of one load worker (one connection), one after another: what to send next, and
/// what the answer was, for a source that counts something of its own (e.g. accepted registrations).
/// </summary>
public interface IRequestSource
{
    /// <summary>The next request; a source may reuse the memory of its body in the next call.</summary>
    HttpRequestMessage Next();

    /// <summary>The status code of the answer as text (or the failure's kind) of the request last returned by <see cref="Next"/>.</summary>
    void Answered(string outcome);
}
