using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Consuming;

namespace Platform.Messaging.TestWorker;

/// <summary>
/// <see cref="CountingHandler"/>'s work for a batch: refuses the whole batch when <see cref="HandlerBehaviour.FailWhen"/> holds
/// for any of its events (so the host must split it to find the one), else applies each event, recording its offset and the
/// batch's transaction, and journals the batch once committed.
/// </summary>
public sealed class CountingBatchHandler(TestDbContext db, HandlerBehaviour behaviour, AfterCommit afterCommit) : IEventBatchHandler
{
    public async Task HandleAsync(IReadOnlyList<ConsumedEvent> events, CancellationToken cancellationToken)
    {
        var messages = events.Select(e => (Message: (CounterIncremented)e.Message, e.Context)).ToList();
        if (messages.FirstOrDefault(m => behaviour.FailWhen(m.Message)) is { Message: { } refused })
        {
            throw new InvalidOperationException($"Refusing sequence {refused.Sequence}.");
        }

        using var underWay = behaviour.BatchUnderWay();
        if (behaviour.Delay > TimeSpan.Zero)
        {
            await Task.Delay(behaviour.Delay, cancellationToken);
        }

        var transaction = await db.Database.SqlQueryRaw<long>("SELECT txid_current() AS \"Value\"").SingleAsync(cancellationToken);
        foreach (var (message, context) in messages)
        {
            db.Applications.Add(new Application
            {
                EventId = context.EventId, ClientId = message.ClientId, Sequence = message.Sequence, Offset = context.Offset, TransactionId = transaction,
            });
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO counters (client_id, value) VALUES ({message.ClientId}, 1) ON CONFLICT (client_id) DO UPDATE SET value = counters.value + 1",
                cancellationToken);
        }

        var sequences = string.Join(",", messages.Select(m => m.Message.Sequence));
        afterCommit.Add(_ =>
        {
            behaviour.Journal.Enqueue($"committed {sequences}");
            return Task.CompletedTask;
        });
    }
}
