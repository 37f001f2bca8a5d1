using Microsoft.Extensions.DependencyInjection;
using Platform.Engagement.Lifecycle;
using Platform.Messaging.Consuming;

namespace Platform.Engagement.Tests.Outreach;

/// <summary>
/// Hands a batch to a replica's lifecycle handler as its consumer host does (one transaction: the handler, SaveChanges,
/// commit) but WITHOUT the host's inbox: a replayed event reaches the handler again, so only the instance key can keep
/// it from becoming a second outreach. A batch that loses a deadlock is handed again, as the host retries a failed batch:
/// two replicas' batches of the same new clients can deadlock in the lifecycle's row locks (existing rows are locked
/// before the missing ones are inserted and locked), which costs a retry, never a second outreach.
/// </summary>
public static class LifecycleBatches
{
    public static async Task HandleAsync(IServiceProvider replica, IReadOnlyList<ReplayedEvent> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await HandleOnceAsync(replica, batch);
                return;
            }
            catch (Exception ex) when ((ex as Npgsql.PostgresException ?? ex.InnerException as Npgsql.PostgresException)?.SqlState
                == Npgsql.PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
                // The other transaction went on; this one is rolled back whole.
            }
        }
    }

    private static async Task HandleOnceAsync(IServiceProvider replica, IReadOnlyList<ReplayedEvent> batch)
    {
        await using var scope = replica.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var events = batch.Select(e => new ConsumedEvent(e.Message,
            new EventContext(e.Envelope.EventId, e.Envelope.EventType, e.Envelope.Key, e.Envelope.OccurredAt, e.Topic, 0, 0, 1))).ToList();
        await scope.ServiceProvider.GetRequiredService<LifecycleBatchHandler>().HandleAsync(events, CancellationToken.None);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }
}
