using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Platform.Engagement.Tests.Outreach;

/// <summary>Sums one host's counters of one meter (its meter factory's instruments only), by instrument name and channel, and reads its gauges.</summary>
public sealed class CounterReader : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<(string Name, string? Channel), long> sums = new();
    private readonly ConcurrentDictionary<string, double> gauges = new();

    public CounterReader(IMeterFactory factory, string meterName)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == meterName && instrument.Meter.Scope == factory)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? channel = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "channel")
                {
                    channel = tag.Value as string;
                }
            }

            sums.AddOrUpdate((instrument.Name, channel), value, (_, sum) => sum + value);
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => gauges[instrument.Name] = value);
        listener.Start();
    }

    public long Sum(string name, string? channel = null) =>
        sums.Where(s => s.Key.Name == name && (channel is null || s.Key.Channel == channel)).Sum(s => s.Value);

    /// <summary>A gauge's value now (NaN before its first reading).</summary>
    public double Gauge(string name)
    {
        listener.RecordObservableInstruments();
        return gauges.GetValueOrDefault(name, double.NaN);
    }

    public void Dispose() => listener.Dispose();
}
