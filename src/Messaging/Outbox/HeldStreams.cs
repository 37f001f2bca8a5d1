namespace Platform.Messaging.Outbox;

/// <summary>
/// The streams (topic, key) whose head failed with a failure that counted no attempt (a timeout or transport error on a
/// sick partition or broker), held out of the claim in memory until the failing-rows backoff lets the relay retry their
/// heads. Without it those heads keep <c>attempts = 0</c>, stay the oldest rows and are claimed first in every round:
/// once a sick partition has <see cref="OutboxOptions.BatchSize"/> rows waiting, no other row is claimed at all.
/// </summary>
/// <remarks>
/// Memory only, because nothing here is a verdict on a row: a restart or another replica taking over starts empty and
/// pays one round (the streams' rows are claimed, fail and are held again). The order is kept as for counted failures:
/// a held stream's later rows are not claimed, only its head is retried.
/// </remarks>
internal sealed class HeldStreams
{
    private readonly Dictionary<(string Topic, string Key), long> heads = [];

    /// <summary>The held streams as <c>topic/key</c>, the claim's form ('/' is not allowed in a Kafka topic name, so the pair is unambiguous).</summary>
    public string[] Streams => [.. heads.Keys.Select(s => $"{s.Topic}/{s.Key}")];

    /// <summary>Row ids of the held streams' heads, retried when the failing rows are.</summary>
    public long[] Heads => [.. heads.Values];

    /// <summary>Records a round: whether it retried the heads, whether its claim was cut by the batch size, what it claimed and how it ended.</summary>
    public void After(bool retried, bool claimCut, IReadOnlyList<OutboxMessage> claimed, RoundSettlement? settlement)
    {
        if (retried && !claimCut)
        {
            // Every held head still in the outbox was claimed; the others were deleted (by an operator): forget them.
            heads.Clear();
        }
        else
        {
            // A held stream's only claimable row is its head: claimed, it is settled below like any other row.
            foreach (var row in claimed)
            {
                heads.Remove((row.Topic, row.MessageKey));
            }
        }

        // A counted failure holds its stream in the database (attempts > 0), a parked row too, and so does a row that
        // counted before; the rest wait here.
        foreach (var failure in settlement?.Failures ?? [])
        {
            if (!failure.Counted && failure.Row.Attempts == 0)
            {
                heads[(failure.Row.Topic, failure.Row.MessageKey)] = failure.Row.Id;
            }
        }
    }
}
