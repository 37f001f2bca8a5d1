using Platform.Onboarding.Funnel;

namespace Platform.Onboarding.Tests.Funnel;

/// <summary>
/// Every StepRecorded and AccountApproved of a client carries a risk-level sequence strictly greater than the one before it
/// (review 2 of Content, finding 1): consumers order the client's level by it, since Kafka offsets restart after a broker
/// reset, change with a repartition and are renumbered by a cluster migration. Here the step path's decide phase, in memory;
/// <see cref="PublishedRiskLevelSequenceTests"/> goes through the service.
/// </summary>
public sealed class RiskLevelSequenceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Steps of one client in one batch share the row's single write, hence its version: their events are still numbered in
    /// order, and below every event of the client's next batch.
    /// </summary>
    [Fact]
    public void TheEventsOfOneClientInOneBatchAndInTheNextAreNumberedInOrder()
    {
        var funnel = ClientFunnel.Start("c-1", FunnelDefinition.Standard, Report(FunnelStep.Registered, 0));
        var first = new StepBatchDecisions(T0, new Dictionary<string, int>());
        Decide(first, funnel, isNew: true, Report(FunnelStep.Registered, 0));
        Decide(first, funnel, isNew: false, Report(FunnelStep.RiskAssessed, 5, "C4"));
        // A reassessment of a step reached before, in the same batch: published, though the client did not progress.
        Assert.Equal(StepChange.Reassessed, Decide(first, funnel, isNew: false, Report(FunnelStep.RiskAssessed, 6, "C2")));
        var second = new StepBatchDecisions(T0, new Dictionary<string, int>());
        Decide(second, funnel, isNew: false, Report(FunnelStep.Approved, 9));

        var levels = PublishedLevels.Of(first.Published.Concat(second.Published).Select(e => (e.EventType, e.Payload)));

        Assert.Equal(["", "C4", "C2", "C2", "C2"], levels.Select(l => l.Level));
        PublishedLevels.AssertIncreasing(levels);
    }

    private static StepChange Decide(StepBatchDecisions decisions, ClientFunnel funnel, bool isNew, StepReport report) =>
        FunnelStore.Decide(decisions, funnel, isNew, FunnelDefinition.Standard, FunnelDefinition.Standard, report,
            new Dictionary<string, DateTimeOffset>(), trace: null);

    private static StepReport Report(FunnelStep step, int minutes, string? level = null) =>
        new(Guid.CreateVersion7(), step, T0.AddMinutes(minutes), "short_video", "double11", "ios", 1, level);
}
