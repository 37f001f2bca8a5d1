namespace Platform.Messaging.Outbox;

/// <summary>
/// Paces the retries of the heads of blocked (topic, key) streams: rows whose failure counted
/// (they failed while Kafka took others) and the heads of <see cref="HeldStreams"/> (a timeout on
/// a sick partition). They are retried with their own backoff, so that one bad row or one sick
/// partition costs the rounds of every other client a delivery timeout only now and then, not
/// every time.
/// </summary>
internal sealed class FailingStreamPacer(OutboxOptions options, TimeProvider time)
{
    // Rows left failing by an earlier run are retried in the first round.
    private DateTimeOffset dueAt = DateTimeOffset.MinValue;
    private TimeSpan backoff = options.InitialBackoff;
    private bool failing = true;

    /// <summary>Whether this round retries the failing rows.</summary>
    public bool Due => time.GetUtcNow() >= dueAt;

    /// <summary>How long an idle relay may wait before the next round.</summary>
    public TimeSpan IdleWait(TimeSpan poll)
    {
        var untilDue = dueAt - time.GetUtcNow();
        return failing && untilDue < poll ? (untilDue > TimeSpan.Zero ? untilDue : TimeSpan.Zero) : poll;
    }

    /// <summary>Records a round: whether it retried the failing rows and whether some still fail.</summary>
    public void After(bool retried, bool stillFailing)
    {
        if (stillFailing && (retried || !failing))
        {
            dueAt = time.GetUtcNow() + backoff;
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.MaxBackoff.Ticks));
        }
        else if (retried && !stillFailing)
        {
            backoff = options.InitialBackoff;
        }

        failing = stillFailing || (failing && !retried);
    }
}
