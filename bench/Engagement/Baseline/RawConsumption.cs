using System.Diagnostics;
using Confluent.Kafka;
using Platform.Bench.Common.Delivery;

namespace Platform.Bench.Engagement.Baseline;

/// <summary>
/// The yardstick: a plain Confluent consumer in a group of its own reading the burst's records from the same topics on the
/// same broker, doing nothing with them (no deserialising, no database), offsets committed as a service's consumer
/// commits them. Engagement's figure is a share of this one.
/// </summary>
public static class RawConsumption
{
    /// <summary>
    /// How many times the records are read, each by a new consumer: one read moved by a fifth between runs of the same code
    /// (it comes after the decisions, beside whatever PostgreSQL's autovacuum and the broker's garbage collector are doing),
    /// and from 365,281 to 165,929 records/s between two reads of one run (2026-12-07 night; 165,929 to 407,287 across runs), so
    /// the yardstick is the median of five (three until then), and the table shows all of them. A read of a million records
    /// takes 2.5 to 6 s: five cost well under a minute.
    /// </summary>
    public const int Reads = 5;

    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(10);

    /// <summary>Reads every record between the two snapshots of each topic, <see cref="Reads"/> times.</summary>
    public static RawResult Run(string bootstrapServers, IReadOnlyList<TopicOffsets> before, IReadOnlyList<TopicOffsets> after, CancellationToken cancellationToken) =>
        new([.. Enumerable.Range(0, Reads).Select(_ => ReadOnce(bootstrapServers, before, after, cancellationToken))]);

    private static RawRead ReadOnce(string bootstrapServers, IReadOnlyList<TopicOffsets> before, IReadOnlyList<TopicOffsets> after, CancellationToken cancellationToken)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"bench-raw-{Guid.NewGuid():N}",
            EnableAutoCommit = true,
            EnableAutoOffsetStore = true,
            EnablePartitionEof = false,
        }).Build();
        var expected = after.Zip(before).Sum(pair => pair.First.Partitions.Zip(pair.Second.Partitions).Sum(p => p.First.High - p.Second.High));
        consumer.Assign(after.Zip(before).SelectMany(pair => pair.First.Partitions.Select((p, i) =>
            new TopicPartitionOffset(pair.First.Topic, i, pair.Second.Partitions[i].High))));
        var clock = Stopwatch.StartNew();
        long read = 0;
        while (read < expected)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not null)
            {
                read++;
            }
            else if (clock.Elapsed > Deadline)
            {
                throw new TimeoutException($"The raw consumer read {read:N0} of {expected:N0} records in {Deadline.TotalMinutes:0} minutes.");
            }
        }

        var elapsed = clock.Elapsed;
        consumer.Close();
        return new RawRead(read, elapsed);
    }
}

/// <summary>One read of the burst's records by a new plain consumer.</summary>
public sealed record RawRead(long Records, TimeSpan Elapsed)
{
    public double PerSecond => Records / Elapsed.TotalSeconds;
}

/// <summary>The raw consumer's reads, in order; the yardstick is the median read's rate.</summary>
public sealed record RawResult(IReadOnlyList<RawRead> Reads)
{
    public double PerSecond => Reads.Select(r => r.PerSecond).Order().ElementAt(Reads.Count / 2);

    /// <summary>Records per second over all the reads together (the CPU table's operations).</summary>
    public double OverallPerSecond => Reads.Sum(r => r.Records) / Reads.Sum(r => r.Elapsed.TotalSeconds);
}
