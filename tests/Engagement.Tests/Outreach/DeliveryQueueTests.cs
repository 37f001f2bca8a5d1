using Microsoft.EntityFrameworkCore;
using Platform.Engagement.Channels;
using Platform.Engagement.Outreach;
using Platform.Engagement.Outreach.Delivery;

namespace Platform.Engagement.Tests.Outreach;

/// <summary>What the decision worker may queue: a sent instance on a channel an adapter delivers, nothing else.</summary>
public sealed class DeliveryQueueTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(ChannelNames.Push, true)]
    [InlineData(ChannelNames.Sms, true)]
    [InlineData(ChannelNames.WeCom, true)]
    [InlineData(ChannelNames.Livestream, true)]
    [InlineData(ChannelNames.Inbox, false)]
    [InlineData(ChannelNames.AdvisorTask, false)]
    [InlineData("fax", false)]
    public void OnlyTheAdaptersChannelsAreDelivered(string channel, bool delivered) => Assert.Equal(delivered, DeliveryQueue.Delivers(channel));

    [Fact]
    public void AQueuedDeliveryIsDueAtOnceWithItsInstancesKeyAndTheGivenMessageId()
    {
        using var db = Context();
        var messageId = Guid.NewGuid();

        var delivery = DeliveryQueue.Enqueue(db, OutreachRows.Instance("M04", "c-1", Now, OutreachDecisions.Sent), Now, messageId);

        Assert.Equal((messageId, "M04:c-1:client", "c-1", "push", DeliveryStatuses.Queued, 0, Now),
            (delivery.MessageId, delivery.InstanceKey, delivery.ClientId, delivery.Channel, delivery.Status, delivery.Attempts, delivery.NextAttemptAt));
        Assert.Equal(EntityState.Added, db.Entry(delivery).State);
    }

    [Fact]
    public void AnInboxOrAdvisorTaskOrUnsentInstanceIsRefused()
    {
        using var db = Context();

        Assert.Throws<ArgumentException>(() => DeliveryQueue.Enqueue(db, OutreachRows.Instance("M06", "c-1", Now, OutreachDecisions.Sent, channel: ChannelNames.Inbox), Now));
        Assert.Throws<ArgumentException>(() => DeliveryQueue.Enqueue(db, OutreachRows.Instance("M17", "c-1", Now, OutreachDecisions.Sent, channel: ChannelNames.AdvisorTask), Now));
        Assert.Throws<ArgumentException>(() => DeliveryQueue.Enqueue(db, OutreachRows.Instance("M04", "c-1", Now, OutreachDecisions.Suppressed, OutreachReasons.Holdout), Now));
        Assert.Empty(db.ChangeTracker.Entries());
    }

    private static EngagementDbContext Context() => new(new DbContextOptionsBuilder<EngagementDbContext>().UseNpgsql("Host=127.0.0.1;Database=unused").Options);
}
