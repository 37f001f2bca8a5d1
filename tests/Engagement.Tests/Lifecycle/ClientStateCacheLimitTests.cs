using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Engagement.Lifecycle;

namespace Platform.Engagement.Tests.Lifecycle;

/// <summary>The cache's bound and its counters, in memory (no database: what it holds is judged by ClientStateCacheTests).</summary>
public sealed class ClientStateCacheLimitTests
{
    [Fact]
    public void AtItsLimitTheCacheStartsOverWithTheNewStatesAndKeepsNoMoreThanTheLimit()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var cache = new ClientStateCache(Options(3), services.GetRequiredService<IMeterFactory>());

        cache.Put([Entry("a", 1), Entry("b", 1)]);
        cache.Put([Entry("b", 2)]);
        Assert.Equal(2, cache.Count);
        cache.Put([Entry("c", 1), Entry("d", 1)]);
        Assert.Equal(2, cache.Count);
        Assert.False(cache.TryGet("a", out _));
        Assert.True(cache.TryGet("d", out var d) && d.Version == 1);
        cache.Put([Entry("e", 1), Entry("f", 1), Entry("g", 1), Entry("h", 1)]);
        Assert.Equal(3, cache.Count);

        cache.Forget(["e", "nobody"]);
        Assert.False(cache.TryGet("e", out _));
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void ReadsAreCountedBySourceAStaleOneNotAlsoAsACacheHit()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var cache = new ClientStateCache(Options(10), services.GetRequiredService<IMeterFactory>());
        var counted = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ClientStateCache.MeterName && instrument.Name == "engagement.lifecycle.state_reads")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var source = (string)tags.ToArray().Single(t => t.Key == "source").Value!;
            counted[source] = counted.GetValueOrDefault(source) + value;
        });
        listener.Start();

        cache.Counted(cached: 10, read: 3, stale: 2);
        cache.Counted(cached: 0, read: 1, stale: 0);

        Assert.Equal(new Dictionary<string, long> { ["cache"] = 8, ["database"] = 4, ["stale"] = 2 }, counted);
    }

    private static ClientStateCache.Entry Entry(string clientId, uint version) => new(new ClientState { ClientId = clientId }, version);

    private static IOptionsMonitor<LifecycleOptions> Options(int size) =>
        new StaticOptions(new LifecycleOptions { StateCacheSize = size });

    private sealed class StaticOptions(LifecycleOptions value) : IOptionsMonitor<LifecycleOptions>
    {
        public LifecycleOptions CurrentValue => value;

        public LifecycleOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<LifecycleOptions, string?> listener) => null;
    }
}
