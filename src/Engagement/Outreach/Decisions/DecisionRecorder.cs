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
/// Writes one decision where the caller's lease on the instance still stands, in the caller's transaction: the instance's
/// decision and reason, for a sent one its inbox message (every channel but an advisor task) or its advisor task and its
/// delivery (push, SMS, WeCom, live stream), and an
/// OutreachDecided event through the outbox. The inbox message's id is derived from the instance key, so the same
/// instance can never be two messages, whatever retries happened.
/// </summary>
public sealed class DecisionRecorder(EngagementDbContext db)
{
    /// <returns>False when the lease was lost (another replica took the instance over): nothing was written.</returns>
    public async Task<bool> RecordAsync(OutreachInstance leased, Verdict verdict, ContentChoice? content, ClientStanding standing,
        EngagementSettings settings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (lease, deferredUntil) = (leased.DecideAfter, verdict.DeferredUntil ?? leased.DeferredUntil);
        var words = verdict.Decision == OutreachDecisions.Suppressed ? null : content;
        var updated = await db.OutreachInstances
            .Where(i => i.InstanceKey == leased.InstanceKey && i.DecideAfter == lease
                && (i.Decision == OutreachDecisions.Pending || i.Decision == OutreachDecisions.Deferred))
            .ExecuteUpdateAsync(set => set
                .SetProperty(i => i.Decision, verdict.Decision)
                .SetProperty(i => i.Reason, verdict.Reason)
                .SetProperty(i => i.Channel, verdict.Channel)
                // A deferred instance keeps the time it was deferred to when it is decided again (the audit shows both).
                .SetProperty(i => i.DeferredUntil, deferredUntil)
                .SetProperty(i => i.DecideAfter, verdict.DeferredUntil ?? now)
                .SetProperty(i => i.DecidedAt, now)
                .SetProperty(i => i.ItemId, words == null ? null : words.ItemId)
                .SetProperty(i => i.Title, words == null ? null : words.Title)
                .SetProperty(i => i.Body, words == null ? null : words.Body), cancellationToken);
        if (updated == 0)
        {
            return false;
        }

        if (verdict.Decision == OutreachDecisions.Sent)
        {
            Keep(leased, verdict.Channel, content!, standing, settings, now);
        }

        var decided = new OutreachDecided
        {
            InstanceKey = leased.InstanceKey, ClientId = leased.ClientId, Moment = leased.Moment, RuleVersion = leased.RuleVersion,
            Decision = verdict.Decision, Reason = verdict.Reason ?? "", Channel = verdict.Channel, ItemId = words?.ItemId ?? "",
            FiredAt = GrpcTimestamp.FromDateTimeOffset(leased.FiredAt), DecidedAt = GrpcTimestamp.FromDateTimeOffset(now),
        };
        if (verdict.DeferredUntil is { } until)
        {
            decided.DeferredUntil = GrpcTimestamp.FromDateTimeOffset(until);
        }

        db.AddOutboxEvent(Topics.EngagementEvents, leased.ClientId, decided, now, now);
        return true;
    }

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
