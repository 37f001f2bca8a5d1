using System.Diagnostics.Metrics;

namespace Platform.Messaging.Tests;

/// <summary>Sums one counter of the messaging meter for one topic (tests run in parallel and share the meter).</summary>
internal sealed class MetricCounter : IDisposable
{
    private readonly MeterListener listener = new();
    private long count;

    /// <param name="instrumentName">The counter.</param>
    /// <param name="topic">The topic whose measurements count.</param>
    /// <param name="measured">Called on each of them, on the thread that measured it (to journal it among other events).</param>
    public MetricCounter(string instrumentName, string topic, Action<long>? measured = null)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Platform.Messaging" && instrument.Name == instrumentName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "messaging.destination.name" } && (string?)tag.Value == topic)
                {
                    Interlocked.Add(ref count, value);
                    measured?.Invoke(value);
                }
            }
        });
        listener.Start();
    }

    public long Count => Interlocked.Read(ref count);

    public void Dispose() => listener.Dispose();
}
