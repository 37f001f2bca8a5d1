using Microsoft.Extensions.DependencyInjection;
using Platform.Engagement.Outreach;
using Platform.Engagement.Outreach.Delivery;

namespace Platform.Engagement.Tests.Outreach;

/// <summary>Instances written as the decision worker writes them: decided, and for an adapter's channel queued in the same transaction.</summary>
public static class OutreachRows
{
    public static OutreachInstance Instance(string moment, string clientId, DateTimeOffset firedAt, string decision, string? reason = null,
        string channel = "push", string? suffix = null, string? contentValues = null, int priority = 50) => new()
    {
        InstanceKey = $"{moment}:{clientId}:{suffix ?? "client"}", ClientId = clientId, Moment = moment, RuleVersion = 1, Priority = priority,
        FiredAt = firedAt, Channel = channel, Decision = decision, Reason = reason, DecideAfter = firedAt.AddMinutes(1),
        DecidedAt = decision == OutreachDecisions.Pending ? null : firedAt.AddMinutes(1), ItemId = "item-" + moment,
        Title = "Hello", Body = "A word about " + moment, ContentValues = contentValues,
    };

    /// <summary>Stores the instances and queues the delivery of each sent one on an adapter's channel; returns the message ids by instance key.</summary>
    public static async Task<Dictionary<string, Guid>> DecideAsync(IServiceProvider services, DateTimeOffset now, params OutreachInstance[] instances)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.OutreachInstances.AddRange(instances);
        var ids = instances.Where(i => i.Decision == OutreachDecisions.Sent && DeliveryQueue.Delivers(i.Channel))
            .ToDictionary(i => i.InstanceKey, i => DeliveryQueue.Enqueue(db, i, now).MessageId);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return ids;
    }
}
