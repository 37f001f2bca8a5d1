using Platform.Engagement.Channels;
using Platform.Engagement.Policies;
using Platform.Engagement.Rules;
using Platform.Engagement.Settings;

namespace Platform.Engagement.Outreach.Decisions;

/// <summary>
/// The decision pipeline's rules, free of I/O so that property tests can hold them to the promises (never to an
/// erased or held-out client, never over a cap, never SMS or push inside quiet hours, one of a client's simultaneous
/// moments). In two stages around the one remote call, Content's SelectContent: <see cref="BeforeContent"/> settles
/// what needs no words (erased, holdout, a deferred instance gone stale: its goal reached since it fired), <see cref="WithContent"/> the rest, in the order: suitability, then
/// the channel (an SMS to a V5+ client becomes an advisor task, before the per-channel checks), caps (or the inbox when
/// the rule says so), quiet hours (deferred to the window's end and decided again then), and priority among the
/// client's moments fired within the priority window.
/// </summary>
public static class OutreachDecider
{
    /// <summary>The verdict that needs no content, or null to go on and ask Content.</summary>
    public static Verdict? BeforeContent(DecisionSubject subject, bool erased, EngagementSettings settings) =>
        erased ? Verdict.Suppressed(OutreachReasons.Erased, subject.Channel)
        : HoldoutPolicy.IsHeldOut(subject.ClientId, settings.HoldoutPercent) ? Verdict.Suppressed(OutreachReasons.Holdout, subject.Channel)
        // Quiet hours held it until it no longer applies (a prospect who resumed overnight gets no recall at 08:00): closed
        // unsent. API.md's reasons are a fixed vocabulary, and quiet_hours is the truth of why it never went.
        : IsStale(subject) ? Verdict.Suppressed(OutreachReasons.QuietHours, subject.Channel)
        : null;

    /// <summary>A deferred instance whose moment's goal the client reached after it fired: what it asked for has happened.</summary>
    public static bool IsStale(DecisionSubject subject) =>
        subject is { DeferredUntil: not null, GoalReachedAt: { } reached } && reached > subject.FiredAt;

    /// <param name="tierLevel">The client's tier (0..7), null when Tiering has published none.</param>
    /// <param name="others">The client's other instances fired within the longest cap period before <paramref name="now"/>.</param>
    public static Verdict WithContent(DecisionSubject subject, ContentChoice content, int? tierLevel, EngagementSettings settings,
        IReadOnlyCollection<ClientOutreach> others, DateTimeOffset now)
    {
        if (!content.Found)
        {
            return Verdict.Suppressed(content.NotFoundReason!, subject.Channel);
        }

        var channel = ChannelFor(subject, tierLevel, settings);
        if (!CapAllows(channel, settings, others, now))
        {
            if (subject.WhenCapped != CappedAction.Inbox || channel == ChannelNames.Inbox || !CapAllows(ChannelNames.Inbox, settings, others, now))
            {
                return Verdict.Suppressed(OutreachReasons.Cap, channel);
            }

            channel = ChannelNames.Inbox;
        }

        if (QuietHoursPolicy.DeferUntil(settings.QuietHours, channel, now) is { } until)
        {
            return Verdict.Deferred(channel, until);
        }

        var competing = others
            .Where(o => o.Decision is OutreachDecisions.Pending or OutreachDecisions.Deferred or OutreachDecisions.Sent)
            .Select(o => new PriorityCandidate(o.InstanceKey, o.RuleKey, o.Priority, o.FiredAt));
        return PriorityResolution.Goes(new PriorityCandidate(subject.InstanceKey, subject.RuleKey, subject.Priority, subject.FiredAt), competing,
            settings.PriorityWindow)
            ? Verdict.Sent(channel)
            : Verdict.Suppressed(OutreachReasons.LowerPriority, channel);
    }

    /// <summary>The channel before caps: the rule's, or an advisor task instead of an SMS for a client at or above the settings' tier.</summary>
    public static string ChannelFor(DecisionSubject subject, int? tierLevel, EngagementSettings settings) =>
        tierLevel is { } level ? AdvisorTaskRouting.ChannelFor(subject.Channel, level, settings) : subject.Channel;

    private static bool CapAllows(string channel, EngagementSettings settings, IEnumerable<ClientOutreach> others, DateTimeOffset now) =>
        FrequencyCapPolicy.Allows(
            others.Where(o => o.Decision == OutreachDecisions.Sent && o.Channel == channel && o.SentAt is not null).Select(o => o.SentAt!.Value),
            settings.Caps, channel, now);
}
