using System.Diagnostics;
using Confluent.Kafka;

namespace Platform.Messaging.Consuming;

/// <summary>
/// How far a batch got. Its messages are finished strictly in order (runs, their halves, dead letters in place), so what is
/// finished is a prefix of the batch. When the batch's time is spent, the rest goes back to the poll loop: each of its
/// partitions is sought back to its first unfinished message, which the client then fetches again.
/// </summary>
/// <remarks>The budget runs on the monotonic clock: it is about the client's poll interval, not the business clock tests may drive.</remarks>
internal sealed class BatchProgress(IConsumer<string, byte[]> consumer, IReadOnlyList<ConsumeResult<string, byte[]>> batch, TimeSpan budget)
{
    private readonly long started = Stopwatch.GetTimestamp();
    private int finished;

    /// <summary>True once the rest of the batch was handed back: nothing more of it may be handled.</summary>
    public bool HandedBack { get; private set; }

    /// <summary>Messages not finished.</summary>
    public int Remaining => batch.Count - finished;

    /// <summary>Stores the offset of the batch's next message, now done with (handled, duplicate, ignored or dead-lettered).</summary>
    public void Finished(ConsumeResult<string, byte[]> result)
    {
        if (!ReferenceEquals(result, batch[finished]))
        {
            throw new InvalidOperationException($"Batch messages must finish in order: {result.TopicPartitionOffset} came before {batch[finished].TopicPartitionOffset}.");
        }

        consumer.StoreOffset(result);
        finished++;
    }

    /// <summary>
    /// True when the batch may not go on: handed back already, or its budget spent with work left (then hands the rest
    /// back). Asked before each transaction, never inside an event's retries (they would start again after the poll).
    /// </summary>
    public bool HandBackIfLate()
    {
        if (HandedBack || Stopwatch.GetElapsedTime(started) < budget || Remaining == 0)
        {
            return HandedBack;
        }

        foreach (var partition in batch.Skip(finished).GroupBy(r => r.TopicPartition))
        {
            consumer.Seek(partition.First().TopicPartitionOffset);
        }

        HandedBack = true;
        return true;
    }
}
