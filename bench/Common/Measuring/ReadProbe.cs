using Platform.Bench.Common.Load;

namespace Platform.Bench.Common.Measuring;

/// <summary>The read phase's window: CPU (<see cref="ResourceProbe"/>) and Redis's hits and misses, from the start of the phase and over the window.</summary>
public sealed class ReadProbe(ResourceProbe resources, string redis, RedisStats atPhaseStart) : IWindowProbe
{
    private RedisStats? atWindowStart;

    public ResourceUsage? Usage => resources.Usage;

    /// <summary>Lookups during the warm-up (from the phase's start to the window's).</summary>
    public RedisStats? WarmUp { get; private set; }

    public RedisStats? Window { get; private set; }

    public async Task WindowStartedAsync()
    {
        atWindowStart = await RedisStats.ReadAsync(redis);
        WarmUp = atWindowStart - atPhaseStart;
        await resources.WindowStartedAsync();
    }

    public async Task WindowEndedAsync()
    {
        await resources.WindowEndedAsync();
        Window = await RedisStats.ReadAsync(redis) - atWindowStart!;
    }
}
