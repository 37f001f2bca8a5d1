using Microsoft.Extensions.Options;
using Platform.Engagement.Events;
using Platform.Messaging;

namespace Platform.Engagement.Lifecycle;

/// <summary>
/// Brings changed client states up to date at a time: their idle-cash days, their stage, and when time alone may change it
/// next. A stage that differs from the stored one is stored and published as StageChanged on engagement.events through the
/// outbox, in the caller's transaction, so that it is published once exactly when the change commits.
/// </summary>
public sealed class StageSettlement(EngagementDbContext db, IOptionsMonitor<LifecycleOptions> options)
{
    public void Settle(IEnumerable<ClientState> states, DateTimeOffset now)
    {
        var threshold = options.CurrentValue.IdleCashThreshold;
        foreach (var state in states)
        {
            state.IdleCashDays = AssetHistory.IdleCashDays(state, threshold);
            state.NextCheckAt = LifecycleStages.NextCheckToStore(state.NextCheckAt, LifecycleStages.NextCheck(state, now), now);
            if (LifecycleStages.Of(state, now) is not { } stage || stage == state.Stage)
            {
                continue;
            }

            db.AddOutboxEvent(Topics.EngagementEvents, state.ClientId, new StageChanged
            {
                ClientId = state.ClientId,
                FromStage = state.Stage ?? string.Empty,
                ToStage = stage,
                Reason = LifecycleStages.ReasonFor(state.Stage, stage),
                OccurredAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(now),
            }, now, now);
            (state.Stage, state.StageChangedAt) = (stage, now);
        }
    }
}
