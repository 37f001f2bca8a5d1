using Platform.Onboarding.Funnel;
using Platform.Onboarding.Reports;

namespace Platform.Onboarding.Tests.Reports;

public sealed class ReportContributionTests
{
    private static readonly FunnelDefinition Standard = FunnelDefinition.Standard;

    // 09:00 in Asia/Shanghai on 24 November 2026.
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AClientIsEnteredAtEveryStepItReachedAndCompletedWhereItReachedALaterOne()
    {
        var funnel = Funnel("short_video", (FunnelStep.Registered, 0), (FunnelStep.PhoneVerified, 1), (FunnelStep.IdUploaded, 3));

        var contribution = ReportContribution.Of(funnel, Standard);

        Assert.Equal(Standard.Steps, contribution.Steps.Select(s => s.Step));
        Assert.Equal([FunnelStep.Registered, FunnelStep.PhoneVerified, FunnelStep.IdUploaded],
            contribution.Steps.Where(s => s.Reached).Select(s => s.Step));
        Assert.Equal([FunnelStep.Registered, FunnelStep.PhoneVerified], contribution.Steps.Where(s => s.ReachedLater).Select(s => s.Step));
    }

    [Fact]
    public void StepsArrivingOutOfOrderContributeTheSameAsStepsInOrder()
    {
        var inOrder = Funnel("short_video", (FunnelStep.Registered, 0), (FunnelStep.PhoneVerified, 1), (FunnelStep.IdUploaded, 3));
        var reversed = Funnel("short_video", (FunnelStep.IdUploaded, 3), (FunnelStep.PhoneVerified, 1), (FunnelStep.Registered, 0));

        var expected = ReportContribution.Of(inOrder, Standard);
        var actual = ReportContribution.Of(reversed, Standard);

        Assert.Equal(expected.Cohort, actual.Cohort);
        Assert.Equal(expected.Slices, actual.Slices);
        Assert.Equal(expected.Steps, actual.Steps);
    }

    [Fact]
    public void AStepReportedAgainLaterKeepsItsFirstTimeAndCountsOnce()
    {
        var funnel = Funnel("short_video", (FunnelStep.Registered, 0), (FunnelStep.PhoneVerified, 2));
        var before = ReportContribution.Of(funnel, Standard);
        funnel.Record(Standard, Report(FunnelStep.PhoneVerified, 30));

        var after = ReportContribution.Of(funnel, Standard);

        Assert.Equal(before.Steps, after.Steps);
        Assert.Equal(120, after.Steps[1].SecondsFromPrevious);
        Assert.Empty(ReportDelta.Of([new ReportChange(before, after)]).Cells);
    }

    [Fact]
    public void ASkippedOptionalStepLeavesTheNextStepWithoutADurationAndTheStepBeforeItCompleted()
    {
        var funnel = Funnel("advisor_referral", (FunnelStep.AgreementsSigned, 0), (FunnelStep.Submitted, 5));

        var contribution = ReportContribution.Of(funnel, Standard);

        var agreements = contribution.Steps.Single(s => s.Step == FunnelStep.AgreementsSigned);
        var video = contribution.Steps.Single(s => s.Step == FunnelStep.VideoWitnessed);
        var submitted = contribution.Steps.Single(s => s.Step == FunnelStep.Submitted);
        Assert.True(agreements.ReachedLater);
        Assert.False(video.Reached);
        Assert.True(submitted.Reached);
        Assert.Null(submitted.SecondsFromPrevious);
    }

    [Fact]
    public void ARejectionDoesNotUnreachAnyStep()
    {
        var funnel = Funnel("short_video", (FunnelStep.Registered, 0), (FunnelStep.IdUploaded, 3), (FunnelStep.Submitted, 20));
        var before = ReportContribution.Of(funnel, Standard);

        funnel.Record(Standard, Report(FunnelStep.Rejected, 25) with { BackToStep = FunnelStep.IdUploaded, Reason = "blurry_id" });
        funnel.Record(Standard, Report(FunnelStep.IdUploaded, 40));

        Assert.Equal(before.Steps, ReportContribution.Of(funnel, Standard).Steps);
    }

    [Fact]
    public void TheDurationIsFromThePreviousStepInFunnelOrderAndMayBeNegativeWhenClocksDisagree()
    {
        var funnel = Funnel("short_video", (FunnelStep.Registered, 0), (FunnelStep.PhoneVerified, 5), (FunnelStep.IdUploaded, 3),
            (FunnelStep.IdVerified, 10));

        var steps = ReportContribution.Of(funnel, Standard).Steps;

        Assert.Equal(new double?[] { null, 300, -120, 420, null }, steps.Take(5).Select(s => s.SecondsFromPrevious));
    }

    [Fact]
    public void TheCohortIsTheRegistrationDateInShanghaiAndALateRegistrationMovesIt()
    {
        // 23:50 on the 25th in Shanghai is 15:50 UTC; the first report came after midnight there.
        var registered = new DateTimeOffset(2026, 11, 25, 15, 50, 0, TimeSpan.Zero);
        var phoneVerified = new StepReport(Guid.CreateVersion7(), FunnelStep.PhoneVerified, registered.AddMinutes(20), "wecom", "spring", "ios", 1);
        var funnel = ClientFunnel.Start("c-1", Standard, phoneVerified);
        funnel.Record(Standard, phoneVerified);
        var before = ReportContribution.Of(funnel, Standard);

        funnel.Record(Standard, phoneVerified with { EventId = Guid.CreateVersion7(), Step = FunnelStep.Registered, OccurredAt = registered });
        var after = ReportContribution.Of(funnel, Standard);

        Assert.Equal(new DateOnly(2026, 11, 26), before.Cohort);
        Assert.Equal(new DateOnly(2026, 11, 25), after.Cohort);
        var moved = ReportDelta.Of([new ReportChange(before, after)]).Cells.Where(c => c.Key.Dimension == ReportDimensions.All).ToList();
        Assert.Equal(
            [(after.Cohort, "phone_verified", 1L, 0L), (after.Cohort, "registered", 1L, 1L), (before.Cohort, "phone_verified", -1L, 0L)],
            moved.Select(c => (c.Key.CohortDate, c.Key.Step, c.Value.Entered, c.Value.Completed)).Order());
    }

    [Fact]
    public void AClientIsCountedUnderAllItsChannelItsCampaignAndTheNoneVariant()
    {
        var contribution = ReportContribution.Of(Funnel("branch", (FunnelStep.Registered, 0)), Standard);

        Assert.Equal(
            new ReportSlice[]
            {
                new(ReportDimensions.All, "all"), new(ReportDimensions.Channel, "branch"), new(ReportDimensions.Campaign, "double11"),
                new(ReportDimensions.Variant, "none"),
            },
            contribution.Slices);
    }

    [Fact]
    public void ADeltaAddsTheNewStepAndCompletesThePreviousOneOnlyInEverySlice()
    {
        var funnel = Funnel("short_video", (FunnelStep.Registered, 0));
        var before = ReportContribution.Of(funnel, Standard);
        funnel.Record(Standard, Report(FunnelStep.PhoneVerified, 1));

        var delta = ReportDelta.Of([new ReportChange(before, ReportContribution.Of(funnel, Standard))]);

        Assert.Equal(8, delta.Cells.Count);
        Assert.All(delta.Cells.Where(c => c.Key.Step == "registered"),
            c => Assert.Equal((0L, 1L, 0), (c.Value.Entered, c.Value.Completed, c.Value.Durations.Count)));
        Assert.All(delta.Cells.Where(c => c.Key.Step == "phone_verified"), c =>
        {
            Assert.Equal((1L, 0L), (c.Value.Entered, c.Value.Completed));
            Assert.Equal(KeyValuePair.Create(DurationBuckets.Of(60), 1L), Assert.Single(c.Value.Durations));
        });
    }

    [Fact]
    public void ALatePreviousStepGivesTheLaterStepItsDurationWithoutCountingItAgain()
    {
        var funnel = Funnel("short_video", (FunnelStep.Registered, 0), (FunnelStep.IdUploaded, 9));
        var before = ReportContribution.Of(funnel, Standard);
        funnel.Record(Standard, Report(FunnelStep.PhoneVerified, 4));

        var idUploaded = ReportDelta.Of([new ReportChange(before, ReportContribution.Of(funnel, Standard))]).Cells
            .Single(c => c.Key.Dimension == ReportDimensions.All && c.Key.Step == "id_uploaded").Value;

        Assert.Equal((0L, 0L), (idUploaded.Entered, idUploaded.Completed));
        Assert.Equal(KeyValuePair.Create(DurationBuckets.Of(300), 1L), Assert.Single(idUploaded.Durations));
    }

    [Fact]
    public void ADeltaListsRowsInOneFixedOrderWhateverTheOrderOfChanges()
    {
        var first = ReportContribution.Of(Funnel("wecom", (FunnelStep.Registered, 0), (FunnelStep.PhoneVerified, 1)), Standard);
        var second = ReportContribution.Of(Funnel("app_store", (FunnelStep.Registered, 0), (FunnelStep.IdUploaded, 4)), Standard);

        var one = ReportDelta.Of([new ReportChange(null, first), new ReportChange(null, second)]);
        var other = ReportDelta.Of([new ReportChange(null, second), new ReportChange(null, first)]);

        Assert.Equal(one.Cells.Select(Describe), other.Cells.Select(Describe));
        Assert.Equal(13, one.Cells.Count);
    }

    private static string Describe(KeyValuePair<CellKey, CellDelta> cell) =>
        $"{cell.Key} {cell.Value.Entered} {cell.Value.Completed} {string.Join(",", cell.Value.Durations)}";

    private static ClientFunnel Funnel(string channel, params (FunnelStep Step, int Minute)[] steps)
    {
        var funnel = ClientFunnel.Start("c-1", Standard, Report(steps[0].Step, steps[0].Minute) with { Channel = channel });
        foreach (var (step, minute) in steps)
        {
            funnel.Record(Standard, Report(step, minute) with { Channel = channel });
        }

        return funnel;
    }

    private static StepReport Report(FunnelStep step, int minute) =>
        new(Guid.CreateVersion7(), step, T0.AddMinutes(minute), "short_video", "double11", "ios", 1);
}
