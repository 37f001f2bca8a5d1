namespace Platform.Messaging.Outbox;

/// <summary>
/// The topics out: those that refused every row of a round with a verdict on the topic and took none (a topic deleted,
/// an ACL gone wrong, a policy), so that rounds between the retries of held streams do not produce a new client's rows
/// there: each would cost its round up to half a delivery timeout (the wait for an unknown topic), and be held anyway.
/// Such a row is held unproduced (<see cref="DeliveryOutcome.Deferred(string)"/>) and goes with the held streams' heads
/// in the next retry round, which produces every row it claims and so probes the topic again.
/// </summary>
/// <remarks>
/// Memory only, like <see cref="SickPartitions"/>. A round that refused only the heads it retried does not put a topic
/// out (a lone poisoned row, retried while its topic had nothing else to take, would otherwise hold every other client
/// of the topic until the next retry round); a refusal of another row does, or of a topic already out.
/// </remarks>
internal sealed class TopicsOut
{
    /// <summary>Why a row is held unproduced (<c>last_error</c>).</summary>
    public const string Reason = "Held unproduced: its topic refused every row in an earlier round";

    private readonly HashSet<string> topics = new(StringComparer.Ordinal);

    /// <summary>Whether the row goes to a topic known out.</summary>
    public bool Holds(OutboxMessage row) => topics.Contains(row.Topic);

    /// <summary>Forgets every topic out, as a restart would.</summary>
    public void Forget() => topics.Clear();

    /// <summary>
    /// Records a round: whether it retried the held streams (a probe: every row claimed was produced), what it claimed,
    /// how each row went, the topic outages it showed, and which rows were the heads it retried.
    /// </summary>
    public void After(bool retried, IReadOnlyList<OutboxMessage> rows, IReadOnlyList<DeliveryOutcome> outcomes, IReadOnlyList<TopicOutage> outages,
        Func<OutboxMessage, bool> retriedHead)
    {
        var wasOut = new HashSet<string>(topics, StringComparer.Ordinal);
        if (retried)
        {
            // What a probe round shows replaces what was known.
            topics.Clear();
        }

        foreach (var outage in outages)
        {
            var refusedOthers = rows.Where((row, i) => row.Topic == outage.Topic && outcomes[i].Status == DeliveryStatus.Failed && !retriedHead(row)).Any();
            if (refusedOthers || wasOut.Contains(outage.Topic))
            {
                topics.Add(outage.Topic);
            }
        }
    }
}
