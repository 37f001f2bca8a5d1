using Microsoft.Extensions.Options;
using Platform.Engagement.Events;
using Platform.Messaging;

namespace Platform.Engagement.Lifecycle;

/// <summary>
/// Brings changed client states up to date at a time: their idle-cash days, their stage, and when time alone may change it
/// next. A stage that differs from the stored one is stored, and the caller publishes it (<see cref="Publish"/>) as
/// StageChanged on engagement.events through the outbox once the states are written, in the same transaction, so that it is
/// published once exactly when the change commits (a state found changed by another transaction is settled again first).
/// </summary>
public sealed class StageSettlement(EngagementDbContext db, IOptionsMonitor<LifecycleOptions> options)
{
    /// <returns>The stage changes, to publish once the states are written.</returns>
    public List<StageChanged> Settle(IEnumerable<ClientState> states, DateTimeOffset now)
    {
        var threshold = options.CurrentValue.IdleCashThreshold;
        var changes = new List<StageChanged>();
        foreach (var state in states)
        {
            state.IdleCashDays = AssetHistory.IdleCashDays(state, threshold);
            state.NextCheckAt = LifecycleStages.NextCheckToStore(state.NextCheckAt, LifecycleStages.NextCheck(state, now), now);
            if (LifecycleStages.Of(state, now) is not { } stage || stage == state.Stage)
            {
                continue;
            }

            changes.Add(new StageChanged
            {
                ClientId = state.ClientId,
                FromStage = state.Stage ?? string.Empty,
                ToStage = stage,
                Reason = LifecycleStages.ReasonFor(state.Stage, stage),
                OccurredAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(now),
            });
            (state.Stage, state.StageChangedAt) = (stage, now);
        }

        return changes;
    }

    /// <summary>Adds the changes to the outbox, saved with the caller's transaction.</summary>
    public void Publish(IEnumerable<StageChanged> changes, DateTimeOffset now)
    {
        foreach (var change in changes)
        {
            db.AddOutboxEvent(Topics.EngagementEvents, change.ClientId, change, now, now);
        }
    }
}
