using Platform.Engagement.Outreach.Firing;
using Platform.Messaging.Consuming;
using Platform.ServiceDefaults.Time;

namespace Platform.Engagement.Lifecycle;

/// <summary>
/// Keeps client states from the onboarding, activity and tiering events, a poll's worth per transaction: the batch's clients
/// are locked in one statement and their rows read in another (<see cref="ClientStateStore.LockAsync"/>), each event is folded into its client's state in the order consumed
/// (<see cref="ClientStateFolding"/>: guarded, so redeliveries and reorderings change nothing), each touched client is settled
/// once at the batch's time (<see cref="StageSettlement"/>), the changed rows are written in one statement
/// (<see cref="ClientStateStore.SaveAsync"/>) and the host saves the StageChanged rows with the inbox: a fixed number of round
/// trips per batch, none per event. Then the moments the events fire (<see cref="OutreachFiring"/>), in the same transaction. A broken event throws, and the host's split
/// isolates it: the others commit.
/// </summary>
public sealed class LifecycleBatchHandler(ClientStateStore store, StageSettlement settlement, OutreachFiring firing, TimeProvider time) : IEventBatchHandler
{
    public async Task HandleAsync(IReadOnlyList<ConsumedEvent> events, CancellationToken cancellationToken)
    {
        var now = StoredTime.Now(time);
        await store.PlanForCachedPagesAsync(cancellationToken);
        var clientIds = events.Select(e => ClientStateFolding.ClientIdOf(e.Message)).ToList();
        var states = await store.LockAsync(clientIds, cancellationToken);
        for (var i = 0; i < events.Count; i++)
        {
            // An erased client's state is only its erased mark (Privacy): events in flight rebuild nothing.
            if (!states[clientIds[i]].Erased)
            {
                ClientStateFolding.Apply(states[clientIds[i]], events[i].Message, events[i].Context);
            }
        }

        settlement.Settle(states.Values, now);
        await store.SaveAsync(states.Values, cancellationToken);
        // The moments the batch fires, judged on the state it left, in the same transaction.
        await firing.FireAsync(events, states, now, cancellationToken);
    }
}
