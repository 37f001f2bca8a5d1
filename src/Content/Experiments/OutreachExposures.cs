using Microsoft.EntityFrameworkCore;
using Platform.Engagement.Events;
using Platform.Messaging.Consuming;
using Platform.ServiceDefaults.Time;

namespace Platform.Content.Experiments;

/// <summary>
/// A sent outreach whose words are an arm of a running experiment is the client's exposure to that arm (served = sent), as
/// a feed read is: Engagement's OutreachDecided names the experiment and variant of the words SelectContent gave it, and
/// only a sent decision reached the client (a deferred one is decided again, a suppressed or failed one reached no one).
/// Recorded through <see cref="ExperimentCounters"/> at the decision's time, in the consumer's transaction: the first
/// exposure is kept, a replay changes nothing, an erased client gets nothing.
/// </summary>
public sealed partial class OutreachExposures(ContentDbContext db, ExperimentCounters counters, TimeProvider time, ILogger<OutreachExposures> logger)
{
    public const string Sent = "sent";

    /// <summary>One sent outreach's arm: the client was exposed to it at <paramref name="At"/>.</summary>
    public sealed record SentArm(string ClientId, string ExperimentKey, string Variant, DateTimeOffset At);

    /// <summary>The sent outreach of the events whose words are an experiment's arm, in their order.</summary>
    public static List<SentArm> Of(IEnumerable<ConsumedEvent> events) =>
    [
        .. from e in events
           where e.Message is OutreachDecided { Decision: Sent, ExperimentKey.Length: > 0 }
           let decision = (OutreachDecided)e.Message
           select new SentArm(decision.ClientId, decision.ExperimentKey, decision.Variant,
               StoredTime.Of(decision.DecidedAt?.ToDateTimeOffset() ?? e.Context.OccurredAt)),
    ];

    /// <summary>
    /// Records each arm's exposure; one of an experiment that was not running when the outreach was decided (a draft, or
    /// stopped before), or of a variant it has not, is left out. An experiment stopped after the decision still counts it:
    /// the outreach went out while it ran, and Content may read the decision after the stop.
    /// </summary>
    public async Task RecordAsync(IReadOnlyList<SentArm> sent, CancellationToken cancellationToken)
    {
        if (sent.Count == 0)
        {
            return;
        }

        var keys = sent.Select(s => s.ExperimentKey).Distinct(StringComparer.Ordinal).ToArray();
        var ran = await db.Experiments.AsNoTracking().Where(e => keys.Contains(e.Key) && (e.Status == ExperimentStatus.Running || e.StoppedAt != null))
            .ToDictionaryAsync(e => e.Key, StringComparer.Ordinal, cancellationToken);
        // The variant SelectContent drew for the client when it gave Engagement these words: an event naming another is not
        // the client's arm (it would skew the sample-ratio check), and is left out like an unknown one.
        var clients = sent.Select(s => s.ClientId).Distinct(StringComparer.Ordinal).ToArray();
        var assigned = await db.Set<ExperimentAssignment>().AsNoTracking().Where(a => keys.Contains(a.ExperimentKey) && clients.Contains(a.ClientId))
            .ToDictionaryAsync(a => (a.ExperimentKey, a.ClientId), a => a.Variant, cancellationToken);
        foreach (var arm in sent)
        {
            if (ran.GetValueOrDefault(arm.ExperimentKey) is not { } experiment || !experiment.RanAt(arm.At)
                || experiment.Variants.FirstOrDefault(v => v.Name == arm.Variant) is not { } variant
                || assigned.GetValueOrDefault((arm.ExperimentKey, arm.ClientId)) != arm.Variant)
            {
                // Not running at the decision, a name Content does not know or not the client's arm: no exposure can be counted for it,
                // and retrying changes nothing.
                LogNotAnArm(logger, arm.ExperimentKey, arm.Variant);
                continue;
            }

            await counters.ExposedAsync(arm.ClientId, [(experiment, variant.Name, variant.ItemId)], StoredTime.Now(time), cancellationToken, exposedAt: arm.At);
        }
    }

    [LoggerMessage(1, LogLevel.Debug, "A sent outreach names experiment {ExperimentKey} variant {Variant}, which is not the client's arm of an experiment running then: no exposure recorded")]
    private static partial void LogNotAnArm(ILogger logger, string experimentKey, string variant);
}
