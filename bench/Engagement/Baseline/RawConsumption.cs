using System.Diagnostics;
using Confluent.Kafka;
using Platform.Bench.Common.Delivery;

namespace Platform.Bench.Engagement.Baseline;

/// <summary>How the raw consumer's client is set up.</summary>
public enum RawClient
{
    /// <summary>
    /// librdkafka's fetch back-off (fetch.queue.backoff.ms) at <see cref="RawConsumption.ShortFetchBackoffMs"/> ms instead of its
    /// default 1 s, nothing else changed: the consumer reads as fast as the broker and the client deliver. The yardstick.
    /// </summary>
    ShortFetchBackoff,

    /// <summary>
    /// librdkafka's defaults, as the services' consumers have them: once 100,000 messages are queued (queued.min.messages) the
    /// client stops fetching for fetch.queue.backoff.ms, 1 s, although a consumer doing nothing empties that queue in a fraction of it.
    /// Shown beside the yardstick: a read of it is mostly those waits, and how many of them fall inside it moves it between runs.
    /// </summary>
    Defaults,
}

/// <summary>
/// The yardstick: a plain Confluent consumer assigned the burst's partitions on the same broker (it joins no group; its
/// offsets are committed under a group id of its own, as a service's consumer commits them), reading the burst's records and
/// doing nothing with them (no deserialising, no database). Engagement's figure is a share of this one.
/// </summary>
public static class RawConsumption
{
    /// <summary>
    /// How many times the records are read with each client set-up, each by a new consumer; the figure is the median read.
    /// </summary>
    public const int Reads = 5;

    /// <summary>
    /// A gap between two records longer than this is time the consumer waited, not reading (for the client, or for a core on a
    /// busy machine): records come about every 1.5 microseconds.
    /// </summary>
    public static readonly TimeSpan WaitThreshold = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// The yardstick's fetch back-off. Read after read in one million-event run (2026-12-07 23:46, six reads each), 100 ms
    /// read the burst in 1.23-1.70 s (median 1.42), 10 ms in 1.38-1.85 s (1.61), the default 1 s with a queue of a million
    /// messages (queued.min.messages) in 1.48-2.03 s (1.70): the fastest is the yardstick. 0 waited about 0.4 s three or
    /// four times in each read (3.1-3.4 s) and the default 1 s about 0.9 s five or six times (5.9-6.8 s).
    /// </summary>
    public const int ShortFetchBackoffMs = 100;

    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(10);

    /// <summary>Reads every record between the two snapshots of each topic, <see cref="Reads"/> times.</summary>
    public static RawResult Run(RawClient client, string bootstrapServers, IReadOnlyList<TopicOffsets> before, IReadOnlyList<TopicOffsets> after,
        CancellationToken cancellationToken) =>
        new(client, [.. Enumerable.Range(0, Reads).Select(_ => ReadOnce(client, bootstrapServers, before, after, cancellationToken))]);

    private static RawRead ReadOnce(RawClient client, string bootstrapServers, IReadOnlyList<TopicOffsets> before, IReadOnlyList<TopicOffsets> after,
        CancellationToken cancellationToken)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"bench-raw-{Guid.NewGuid():N}",
            EnableAutoCommit = true,
            EnableAutoOffsetStore = true,
            EnablePartitionEof = false,
        };
        if (client == RawClient.ShortFetchBackoff)
        {
            config.Set("fetch.queue.backoff.ms", ShortFetchBackoffMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        var expected = after.Zip(before).Sum(pair => pair.First.Partitions.Zip(pair.Second.Partitions).Sum(p => p.First.High - p.Second.High));
        consumer.Assign(after.Zip(before).SelectMany(pair => pair.First.Partitions.Select((p, i) =>
            new TopicPartitionOffset(pair.First.Topic, i, pair.Second.Partitions[i].High))));
        var start = Stopwatch.GetTimestamp();
        long read = 0;
        // Raw timestamps: a clock read per record is a few hundredths of the record's time, TimeSpan arithmetic would add more.
        var (threshold, first, last, waited, longest) = ((long)(WaitThreshold.TotalSeconds * Stopwatch.Frequency), 0L, 0L, 0L, 0L);
        while (read < expected)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not null)
            {
                var now = Stopwatch.GetTimestamp();
                if (read == 0)
                {
                    first = now; // up to here the connection and the first fetch, which every consumer pays
                }
                else if (now - last > threshold)
                {
                    waited += now - last;
                    longest = Math.Max(longest, now - last);
                }

                (last, read) = (now, read + 1);
            }
            else if (Stopwatch.GetElapsedTime(start) > Deadline)
            {
                throw new TimeoutException($"The raw consumer read {read:N0} of {expected:N0} records in {Deadline.TotalMinutes:0} minutes.");
            }
        }

        if (read == 0)
        {
            throw new InvalidOperationException("The burst published no record to read.");
        }

        var elapsed = Stopwatch.GetElapsedTime(start, last);
        consumer.Close();
        return new RawRead(read, elapsed, Stopwatch.GetElapsedTime(start, first), Stopwatch.GetElapsedTime(0, waited), Stopwatch.GetElapsedTime(0, longest));
    }
}

/// <summary>One read of the burst's records by a new plain consumer.</summary>
/// <param name="FirstRecord">From the assignment to the first record: the connection and the first fetch.</param>
/// <param name="Waited">The gaps longer than <see cref="RawConsumption.WaitThreshold"/> between two records, added up.</param>
/// <param name="LongestWait">The longest of those gaps.</param>
public sealed record RawRead(long Records, TimeSpan Elapsed, TimeSpan FirstRecord, TimeSpan Waited, TimeSpan LongestWait)
{
    public double PerSecond => Records / Elapsed.TotalSeconds;
}

/// <summary>The raw consumer's reads with one client set-up, in order; the figure is the median read's rate.</summary>
public sealed record RawResult(RawClient Client, IReadOnlyList<RawRead> Reads)
{
    public double PerSecond => Median.PerSecond;

    /// <summary>The read whose rate is the median's.</summary>
    public RawRead Median => Reads.OrderBy(r => r.PerSecond).ElementAt(Reads.Count / 2);

    /// <summary>Records per second over all the reads together (the CPU table's operations).</summary>
    public double OverallPerSecond => Reads.Sum(r => r.Records) / Reads.Sum(r => r.Elapsed.TotalSeconds);
}
