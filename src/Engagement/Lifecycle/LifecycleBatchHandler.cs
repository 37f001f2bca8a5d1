using Platform.Engagement.Outreach.Firing;
using Platform.Messaging.Consuming;
using Platform.ServiceDefaults.Time;

namespace Platform.Engagement.Lifecycle;

/// <summary>
/// Keeps client states from the onboarding, activity and tiering events, a poll's worth per transaction: the batch's states
/// are read in one statement, or come from the replica's cache (<see cref="ClientStateCache"/>), each event is folded into its
/// client's state in the order consumed (<see cref="ClientStateFolding"/>: guarded, so redeliveries and reorderings change
/// nothing), each touched client is settled once at the batch's time (<see cref="StageSettlement"/>), the changed rows are
/// written in one statement (<see cref="ClientStateStore.SaveAsync"/>), and a cached state that another transaction changed
/// meanwhile is read again, locked, and its events applied to it again. Then the host saves the StageChanged rows with the
/// inbox: a fixed number of round trips per batch, none per event. Then the moments the events fire
/// (<see cref="OutreachFiring"/>), in the same transaction. A broken event throws, and the host's split isolates it: the
/// others commit. The states go to the cache once the transaction has committed.
/// </summary>
public sealed class LifecycleBatchHandler(
    ClientStateStore store, ClientStateCache cache, StageSettlement settlement, OutreachFiring firing, AfterCommit afterCommit, TimeProvider time)
    : IEventBatchHandler
{
    public async Task HandleAsync(IReadOnlyList<ConsumedEvent> events, CancellationToken cancellationToken)
    {
        var now = StoredTime.Now(time);
        await store.PlanForCachedPagesAsync(cancellationToken);
        var clientIds = events.Select(e => ClientStateFolding.ClientIdOf(e.Message)).ToList();
        var states = await store.ReadAsync(clientIds, cancellationToken);
        Fold(events, clientIds, states);
        var changes = settlement.Settle(states.Values, now);
        var stale = await store.SaveAsync(states.Values, cancellationToken);
        if (stale.Count > 0)
        {
            // Changed by another transaction since they were cached (the sweeper, an erasure, another replica): as they are now,
            // held, with this batch's events applied again. Their first settlement is dropped with them.
            var fresh = await store.LockAsync(stale, cancellationToken);
            Fold(events, clientIds, fresh);
            changes.RemoveAll(change => fresh.ContainsKey(change.ClientId));
            changes.AddRange(settlement.Settle(fresh.Values, now));
            if ((await store.SaveAsync(fresh.Values, cancellationToken)).Count > 0)
            {
                throw new InvalidOperationException("A client state changed while this transaction held its row.");
            }

            foreach (var (clientId, state) in fresh)
            {
                states[clientId] = state;
            }
        }

        settlement.Publish(changes, now);
        var committable = store.Committable();
        afterCommit.Add(_ =>
        {
            cache.Put(committable);
            return Task.CompletedTask;
        });
        // The moments the batch fires, judged on the state it left, in the same transaction.
        await firing.FireAsync(events, states, now, cancellationToken);
    }

    /// <summary>Folds each event whose client is in <paramref name="states"/> into its state, in the order consumed.</summary>
    private static void Fold(IReadOnlyList<ConsumedEvent> events, List<string> clientIds, Dictionary<string, ClientState> states)
    {
        for (var i = 0; i < events.Count; i++)
        {
            // An erased client's state is only its erased mark (Privacy): events in flight rebuild nothing.
            if (states.TryGetValue(clientIds[i], out var state) && !state.Erased)
            {
                ClientStateFolding.Apply(state, events[i].Message, events[i].Context);
            }
        }
    }
}
