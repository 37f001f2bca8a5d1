using Microsoft.Extensions.Logging;

namespace Platform.Messaging.Outbox;

/// <summary>
/// What an outbox relay keeps in memory from round to round, and learns from each round once it committed: the pace
/// of the retries of blocked streams (<see cref="FailingStreamPacer"/>), the streams held without a count
/// (<see cref="HeldStreams"/>), the sick partitions (<see cref="SickPartitions"/>) and the topics out
/// (<see cref="TopicsOut"/>). Nothing here is a verdict on a row: a restart starts empty.
/// </summary>
internal sealed partial class RelayMemory(OutboxOptions options, TimeProvider time, bool predictsPartitions, ILogger logger)
{
    private readonly FailingStreamPacer failing = new(options, time);
    private readonly SickPartitions sick = new(predictsPartitions);
    private readonly TopicsOut topicsOut = new();

    /// <summary>The streams the claim leaves out.</summary>
    public HeldStreams Held { get; } = new();

    /// <summary>Whether the next round retries the failing rows and the held heads.</summary>
    public bool RetryDue => failing.Due;

    /// <summary>How long an idle relay may wait before the next round.</summary>
    public TimeSpan IdleWait(TimeSpan poll) => failing.IdleWait(poll);

    /// <summary>
    /// Which claimed rows are the heads a round retries (rows whose failure counted, and held heads), produced each alone;
    /// none in a round that does not retry. Taken before the claim.
    /// </summary>
    public Func<OutboxMessage, bool> RetriedHeads(bool retrying)
    {
        var heads = retrying ? Held.Heads.ToHashSet() : [];
        return row => retrying && (row.Attempts > 0 || heads.Contains(row.Id));
    }

    /// <summary>Why a row is held unproduced in a round that does not retry (its partition sick, its topic out); null to produce it.</summary>
    public string? Deferral(OutboxMessage row) =>
        sick.Holds(row) ? SickPartitions.Reason : topicsOut.Holds(row) ? TopicsOut.Reason : null;

    /// <summary>Records a round that claimed nothing.</summary>
    public void AfterEmptyRound(bool retried)
    {
        Held.After(retried, claimCut: false, [], settlement: null);
        failing.After(retried, stillFailing: false);
    }

    /// <summary>
    /// Records a committed round and has it reported: whether it retried, whether its claim was cut by the batch size, how
    /// it ended, which rows were the heads it retried, and where to read a topic's partition count.
    /// </summary>
    public void After(bool retried, bool claimCut, RoundSettlement round, Func<OutboxMessage, bool> retriedHead, Func<string, int?> partitionCount,
        Action<RoundSettlement> report)
    {
        // What holds the round's streams and paces their retries, and the parked rows' logs and metrics, come first: the
        // sick partitions' bookkeeping below asks the cluster for a partition count (a request of up to 2 s), and
        // nothing it might throw may skip them.
        Held.After(retried, claimCut, round.Rows, round);
        failing.After(retried, round.LeavesFailingRows);
        report(round);
        try
        {
            sick.After(retried, round.Rows, round.Outcomes, partitionCount);
            topicsOut.After(retried, round.Rows, round.Outcomes, round.TopicOutages, retriedHead);
        }
        catch (Exception ex)
        {
            // Both only spare rounds a delivery timeout; half-learnt, they could hold a healthy row. Forgotten, the next
            // rounds produce every row, as after a restart, and learn again.
            sick.Forget();
            topicsOut.Forget();
            LogPlacesFailed(logger, ex);
        }
    }

    [LoggerMessage(206, LogLevel.Warning,
        "Outbox relay could not record which partitions are sick and which topics are out; it forgets them and produces every row until it learns them again")]
    private static partial void LogPlacesFailed(ILogger logger, Exception exception);
}
