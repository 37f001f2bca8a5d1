using Platform.Engagement.Channels;

namespace Platform.Engagement.Outreach.Delivery;

/// <summary>What the decision worker calls when it decides <c>sent</c> for a channel an adapter delivers.</summary>
public static class DeliveryQueue
{
    /// <summary>Whether a sent instance on <paramref name="channel"/> is delivered through an adapter: the inbox is stored here and an advisor task is a task, so neither is.</summary>
    public static bool Delivers(string channel) => channel is not (ChannelNames.Inbox or ChannelNames.AdvisorTask) && ChannelNames.IsKnown(channel);

    /// <summary>
    /// Adds the delivery of a sent <paramref name="instance"/> to <paramref name="db"/>, saved by the caller's
    /// SaveChanges in ITS transaction with the decision: both or neither. <paramref name="messageId"/> (e.g. the inbox
    /// entry's, so the provider and the inbox name the message alike) defaults to a new one; it never changes after.
    /// </summary>
    public static OutreachDelivery Enqueue(EngagementDbContext db, OutreachInstance instance, DateTimeOffset now, Guid? messageId = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.Decision != OutreachDecisions.Sent)
        {
            throw new ArgumentException($"Only a sent instance is delivered; {instance.InstanceKey} is {instance.Decision}.", nameof(instance));
        }

        if (!Delivers(instance.Channel))
        {
            throw new ArgumentException($"The channel '{instance.Channel}' of {instance.InstanceKey} is not delivered through an adapter.", nameof(instance));
        }

        var delivery = new OutreachDelivery
        {
            MessageId = messageId ?? Guid.CreateVersion7(now), InstanceKey = instance.InstanceKey, ClientId = instance.ClientId,
            Channel = instance.Channel, Status = DeliveryStatuses.Queued, NextAttemptAt = now, CreatedAt = now,
        };
        db.OutreachDeliveries.Add(delivery);
        return delivery;
    }
}
