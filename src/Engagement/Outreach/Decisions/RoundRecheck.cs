using Platform.Engagement.Settings;

namespace Platform.Engagement.Outreach.Decisions;

/// <summary>
/// A round's decisions judged again in the recording transaction, against what committed since the round's reads and what
/// the round itself ends up recording. The round decides a client's instances one after another, each weighing the ones
/// before it as they were judged then; by the time it records, some of those judgements no longer hold (the last look
/// closed a send whose goal was reached meanwhile; another replica took an instance over), and a competitor judged
/// against them must not keep the verdict they caused: a client would get nothing though a valid instance was there.
/// </summary>
internal static class RoundRecheck
{
    /// <summary>
    /// With the clients' locks and the round's leases held (<paramref name="round"/> holds only decisions whose lease still
    /// stands, the last look already applied): an erased client's decisions become <c>suppressed/erased</c>; every verdict
    /// that depends on the client's other outreach (a send, a cap, a lower priority) is judged again, highest priority first,
    /// against the client's outreach as it now stands (<paramref name="stored"/>: other replicas' decisions, instances not
    /// recorded by this round as their rows say) plus this round's kept decisions. The same verdict is kept; one that is now
    /// a suppression (a cap, a lower priority) is recorded as that; a cap or a lower priority that no longer holds becomes the
    /// send it now is when the words the round chose are that channel's; any other change (a send on another channel) is
    /// left out, its instance decided again when its lease ends.
    /// </summary>
    public static List<DecisionRecord> Apply(IReadOnlyList<DecisionRecord> round, IReadOnlySet<string> erased,
        Dictionary<string, List<ClientOutreach>> stored, EngagementSettings settings, DateTimeOffset now)
    {
        List<DecisionRecord> kept = [];
        foreach (var client in round.GroupBy(d => d.Instance.ClientId, StringComparer.Ordinal))
        {
            var outreach = stored[client.Key];
            foreach (var decision in client.OrderByDescending(d => d.Instance.Priority).ThenBy(d => d.Instance.FiredAt))
            {
                if (erased.Contains(client.Key))
                {
                    kept.Add(decision with { Verdict = Verdict.Suppressed(OutreachReasons.Erased, decision.Verdict.Channel), Content = null });
                    continue;
                }

                var (stands, judged) = Judged(decision, outreach, settings, now);
                if (!stands)
                {
                    continue;
                }

                Remember(outreach, judged.Instance, judged.Verdict, now);
                kept.Add(judged);
            }
        }

        return kept;
    }

    /// <summary>The client's instance as the decider now sees it, replacing what was there (its stored row, or an earlier verdict).</summary>
    public static void Remember(List<ClientOutreach> outreach, OutreachInstance instance, Verdict verdict, DateTimeOffset now)
    {
        outreach.RemoveAll(o => o.InstanceKey == instance.InstanceKey);
        outreach.Add(new ClientOutreach(instance.InstanceKey, instance.Moment, instance.Priority, instance.FiredAt, verdict.Decision, verdict.Channel,
            verdict.Decision == OutreachDecisions.Sent ? now : null));
    }

    /// <summary>Whether the decision stands, and as what.</summary>
    private static (bool Stands, DecisionRecord Decision) Judged(DecisionRecord decision, IReadOnlyCollection<ClientOutreach> outreach,
        EngagementSettings settings, DateTimeOffset now)
    {
        if (!CouldSend(decision.Verdict))
        {
            return (true, decision);
        }

        var others = outreach.Where(o => o.InstanceKey != decision.Instance.InstanceKey).ToList();
        var again = OutreachDecider.WithContent(decision.Subject, decision.Content!, decision.Standing.TierLevel, settings, others, now);
        if (again == decision.Verdict)
        {
            return (true, decision);
        }

        // Suppressed now (another replica's send capped it, or went before it): final, and what a new decision would say; it
        // weighs on the client's later instances as the suppression it is. A cap or a lower priority that no longer holds is
        // the send it now is when the round's words are that channel's (a suppressed verdict's words were chosen for the
        // channel before caps); a send elsewhere (the inbox when capped) needs other words, which only a new decision asks for.
        var stands = again.Decision == OutreachDecisions.Suppressed
            || (decision.Verdict.Decision == OutreachDecisions.Suppressed && again.Decision == OutreachDecisions.Sent
                && again.Channel == OutreachDecider.ChannelFor(decision.Subject, decision.Standing.TierLevel, settings));
        return (stands, decision with { Verdict = again });
    }

    /// <summary>
    /// A verdict reached with words that the client's other outreach decided, so one that may be a send once judged again:
    /// a send, a cap, a lower priority.
    /// </summary>
    public static bool CouldSend(Verdict verdict) =>
        verdict.Decision == OutreachDecisions.Sent
        || verdict is { Decision: OutreachDecisions.Suppressed, Reason: OutreachReasons.Cap or OutreachReasons.LowerPriority };
}
