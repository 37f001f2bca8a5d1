using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Platform.Engagement.Advisor;
using Platform.Engagement.Channels;
using Platform.Engagement.Events;
using Platform.Engagement.Inbox;
using Platform.Engagement.Outreach.Delivery;
using Platform.Engagement.Policies;
using Platform.Engagement.Settings;
using Platform.Messaging;
using Platform.Messaging.Outbox;
using GrpcTimestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Platform.Engagement.Outreach.Decisions;

/// <summary>
/// Writes a round's decisions where the caller's lease on each instance still stands, in the caller's transaction: each
/// instance's decision and reason in one statement for the round, and for a sent one its inbox message (every channel but
/// an advisor task) or its advisor task and its delivery (push, SMS, WeCom, live stream), and an OutreachDecided event
/// through the outbox, added for the caller's one SaveChanges. The inbox message's id is derived from the instance key, so
/// the same instance can never be two messages, whatever retries happened.
/// </summary>
public sealed class DecisionRecorder(EngagementDbContext db)
{
    /// <returns>The decisions written; one whose lease was lost (another replica took the instance over) is left out, and nothing of it written.</returns>
    public async Task<IReadOnlyList<DecisionRecord>> RecordAsync(IReadOnlyList<DecisionRecord> decisions, EngagementSettings settings, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (decisions.Count == 0)
        {
            return [];
        }

        // In instance key order, whatever order the round's clients finished in: the UPDATE locks the rows in the order of
        // its arrays, and a fixed order cannot deadlock with another writer of the same rows that also goes in key order.
        decisions = [.. decisions.OrderBy(d => d.Instance.InstanceKey, StringComparer.Ordinal)];

        var words = decisions.Select(d => d.Verdict.Decision == OutreachDecisions.Suppressed ? null : d.Content).ToArray();
        var keys = decisions.Select(d => d.Instance.InstanceKey).ToArray();
        var leases = decisions.Select(d => d.Instance.DecideAfter.UtcDateTime).ToArray();
        var outcomes = decisions.Select(d => d.Verdict.Decision).ToArray();
        var reasons = decisions.Select(d => d.Verdict.Reason).ToArray();
        var channels = decisions.Select(d => d.Verdict.Channel).ToArray();
        // A deferred instance keeps the time it was deferred to when it is decided again (the audit shows both).
        var deferredUntil = decisions.Select(d => (d.Verdict.DeferredUntil ?? d.Instance.DeferredUntil)?.UtcDateTime).ToArray();
        var decideAfter = decisions.Select(d => (d.Verdict.DeferredUntil ?? now).UtcDateTime).ToArray();
        var items = words.Select(w => w?.ItemId).ToArray();
        var titles = words.Select(w => w?.Title).ToArray();
        var bodies = words.Select(w => w?.Body).ToArray();
        var experiments = words.Select(w => NullIfEmpty(w?.ExperimentKey)).ToArray();
        var variants = words.Select(w => NullIfEmpty(w?.Variant)).ToArray();
        var written = (await db.Database.SqlQuery<string>($"""
            UPDATE outreach_instances AS i SET decision = d.decision, reason = d.reason, channel = d.channel, deferred_until = d.deferred_until,
                decide_after = d.decide_after, decided_at = {now.UtcDateTime}, item_id = d.item_id, title = d.title, body = d.body,
                experiment_key = d.experiment_key, variant = d.variant
            FROM unnest({keys}::text[], {leases}::timestamptz[], {outcomes}::text[], {reasons}::text[], {channels}::text[],
                        {deferredUntil}::timestamptz[], {decideAfter}::timestamptz[], {items}::text[], {titles}::text[], {bodies}::text[],
                        {experiments}::text[], {variants}::text[])
                AS d(instance_key, lease, decision, reason, channel, deferred_until, decide_after, item_id, title, body, experiment_key, variant)
            WHERE i.instance_key = d.instance_key AND i.decide_after = d.lease AND i.decision IN ('pending', 'deferred')
            RETURNING i.instance_key AS "Value"
            """).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        List<DecisionRecord> recorded = [];
        foreach (var (decision, chosen) in decisions.Zip(words).Where(d => written.Contains(d.First.Instance.InstanceKey)))
        {
            if (decision.Verdict.Decision == OutreachDecisions.Sent)
            {
                Keep(decision.Instance, decision.Verdict.Channel, decision.Content!, decision.Standing, settings, now);
            }

            db.AddOutboxEvent(Topics.EngagementEvents, decision.Instance.ClientId, Decided(decision, chosen, now), now, now);
            recorded.Add(decision);
        }

        return recorded;
    }

    private static OutreachDecided Decided(DecisionRecord decision, ContentChoice? words, DateTimeOffset now)
    {
        var (instance, verdict) = (decision.Instance, decision.Verdict);
        var decided = new OutreachDecided
        {
            InstanceKey = instance.InstanceKey, ClientId = instance.ClientId, Moment = instance.Moment, RuleVersion = instance.RuleVersion,
            Decision = verdict.Decision, Reason = verdict.Reason ?? "", Channel = verdict.Channel, ItemId = words?.ItemId ?? "",
            // The arm goes with the words, as the item does: named for a sent decision (the exposure Content records) and for
            // a deferred one whose words were chosen (Content ignores it); a suppressed one keeps no words, so names none.
            ExperimentKey = words?.ExperimentKey ?? "", Variant = words?.Variant ?? "",
            FiredAt = GrpcTimestamp.FromDateTimeOffset(instance.FiredAt), DecidedAt = GrpcTimestamp.FromDateTimeOffset(now),
        };
        if (verdict.DeferredUntil is { } until)
        {
            decided.DeferredUntil = GrpcTimestamp.FromDateTimeOffset(until);
        }

        return decided;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>The id of the instance's one message: stable across retries, replicas and redeliveries.</summary>
    public static Guid MessageIdOf(string instanceKey)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("outreach-message:" + instanceKey), hash);
        return new Guid(hash[..16]);
    }

    private void Keep(OutreachInstance instance, string channel, ContentChoice content, ClientStanding standing, EngagementSettings settings,
        DateTimeOffset now)
    {
        if (channel == ChannelNames.AdvisorTask)
        {
            db.AdvisorTasks.Add(new AdvisorTaskRecord
            {
                TaskId = MessageIdOf(instance.InstanceKey), ClientId = instance.ClientId, InstanceKey = instance.InstanceKey, Moment = instance.Moment,
                Tier = standing.TierLevel is { } tier ? TierLevels.NameOf(tier) : null, Title = content.Title!, Body = content.Body!, CreatedAt = now,
                DueAt = AdvisorTaskRouting.DueAt(settings.AdvisorTaskSla, standing.TierLevel ?? 0, now),
            });
            return;
        }

        var messageId = MessageIdOf(instance.InstanceKey);
        db.InboxEntries.Add(new InboxEntry
        {
            MessageId = messageId, ClientId = instance.ClientId, InstanceKey = instance.InstanceKey, Moment = instance.Moment,
            Channel = channel, Title = content.Title!, Body = content.Body!, CreatedAt = now,
        });
        if (DeliveryQueue.Delivers(channel))
        {
            // The push, SMS, WeCom message or invitation goes out through the delivery queue, under the inbox message's id.
            instance.Decision = OutreachDecisions.Sent;
            instance.Channel = channel;
            DeliveryQueue.Enqueue(db, instance, now, messageId);
        }
    }
}
