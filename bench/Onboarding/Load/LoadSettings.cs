namespace Platform.Bench.Onboarding.Load;

/// <summary>Where the load goes: a name for the tables, the step route's URL and the bearer token.</summary>
public sealed record LoadTarget(string Name, Uri Url, string BearerToken);

/// <summary>The same for every target of a run, so that the figures compare.</summary>
public sealed record LoadSettings(int Connections, TimeSpan Warmup, TimeSpan Duration);

/// <summary>Told when the measured window starts and ends, to sample CPU and database counters over exactly that window.</summary>
public interface IWindowProbe
{
    Task WindowStartedAsync();

    Task WindowEndedAsync();
}
