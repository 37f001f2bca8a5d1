using CsCheck;
using Platform.Engagement.Lifecycle;
using Platform.Messaging.Consuming;

namespace Platform.Engagement.Tests.Lifecycle;

/// <summary>The fold alone, over many random streams: the order events come in does not change the state or the stage.</summary>
public sealed class FoldingOrderTests
{
    [Fact]
    public void AnyOrderOfAClientsEventsFoldsIntoTheSameStateStageAndNextCheck()
    {
        EventTapes.Tapes.Select(Gen.Int).Sample((tape, seed) =>
        {
            var events = EventTapes.Decode(tape);
            var inDateOrder = Fold(events.OrderBy(e => e.At).ToList());
            var random = new Random(seed);
            var shuffled = Fold(events.OrderBy(_ => random.Next()).ToList());
            Assert.Equal(inDateOrder, shuffled);
        }, iter: 3_000, print: t => string.Join(", ", EventTapes.Decode(t.Item1)));
    }

    /// <summary>The state folded from the events and settled at T0 as the service would, described.</summary>
    public static string Fold(IReadOnlyList<TestEvent> events) => StateDescription.Of(FoldState(events));

    /// <summary>The state the events fold into, settled at <see cref="LifecycleHost.T0"/>.</summary>
    public static ClientState FoldState(IReadOnlyList<TestEvent> events)
    {
        var state = new ClientState { ClientId = "c-1" };
        foreach (var e in events)
        {
            var message = e.For(state.ClientId);
            ClientStateFolding.Apply(state, message, new EventContext(Guid.NewGuid(), message.Descriptor.Name, state.ClientId, e.At, e.Topic, 0, 0, 1));
        }

        var now = LifecycleHost.T0;
        state.IdleCashDays = AssetHistory.IdleCashDays(state, new LifecycleOptions().IdleCashThreshold);
        state.NextCheckAt = LifecycleStages.NextCheck(state, now);
        state.Stage = LifecycleStages.Of(state, now);
        state.StageChangedAt = state.Stage is null ? null : now;
        return state;
    }
}
