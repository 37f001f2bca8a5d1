using Platform.Onboarding.Funnel;

namespace Platform.Onboarding.Tests.Funnel;

public sealed class ClientFunnelTests
{
    private static readonly FunnelDefinition Standard = FunnelDefinition.Standard;
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AStepArrivingOutOfOrderKeepsTheFurthestStepCurrent()
    {
        var funnel = Start("short_video");
        funnel.Record(Standard, Report(FunnelStep.IdUploaded, 10));
        funnel.Record(Standard, Report(FunnelStep.PhoneVerified, 5));

        Assert.Equal(FunnelStep.IdUploaded, funnel.CurrentStep);
        Assert.Equal(FunnelStep.IdVerified, funnel.NextStep(Standard));
        Assert.Equal([FunnelStep.Registered, FunnelStep.PhoneVerified, FunnelStep.IdUploaded], funnel.CompletedSteps(Standard));
        Assert.Equal(T0.AddMinutes(10), funnel.LastActivityAt);
    }

    [Fact]
    public void AStepReachedTwiceCountsOnceAndKeepsItsFirstTime()
    {
        var funnel = Start("short_video");
        Assert.Equal(StepChange.Progressed, funnel.Record(Standard, Report(FunnelStep.PhoneVerified, 1)));
        Assert.Equal(StepChange.None, funnel.Record(Standard, Report(FunnelStep.PhoneVerified, 9)));

        Assert.Single(funnel.Reached, r => r.Step == FunnelStep.PhoneVerified);
        Assert.Equal(T0.AddMinutes(1), funnel.Reached.Single(r => r.Step == FunnelStep.PhoneVerified).OccurredAt);
    }

    [Fact]
    public void ARejectionSendsTheClientBackToTheNamedStepAndCountsAResubmission()
    {
        var funnel = Start("wechat_article");
        funnel.Record(Standard, Report(FunnelStep.Submitted, 30));
        funnel.Record(Standard, Report(FunnelStep.Rejected, 40) with { BackToStep = FunnelStep.IdUploaded, Reason = "blurry_id" });

        Assert.Equal(FunnelStatus.Rejected, funnel.Status);
        Assert.Equal(FunnelStep.IdUploaded, funnel.CurrentStep);
        Assert.Equal(1, funnel.Resubmissions);
    }

    [Fact]
    public void AfterARejectionStepsReachedBeforeMoveTheClientForwardAgainUntilItSubmitsAnew()
    {
        var funnel = Start("short_video");
        foreach (var (step, minute) in new[] { (FunnelStep.PhoneVerified, 1), (FunnelStep.IdUploaded, 2), (FunnelStep.IdVerified, 3), (FunnelStep.Submitted, 4) })
        {
            funnel.Record(Standard, Report(step, minute));
        }

        funnel.Record(Standard, Report(FunnelStep.Rejected, 10) with { BackToStep = FunnelStep.IdUploaded });
        Assert.Equal(StepChange.Progressed, funnel.Record(Standard, Report(FunnelStep.IdUploaded, 11)));
        Assert.Equal((FunnelStatus.InProgress, FunnelStep.IdUploaded), (funnel.Status, funnel.CurrentStep));
        Assert.Equal(StepChange.Progressed, funnel.Record(Standard, Report(FunnelStep.IdVerified, 12)));
        Assert.Equal(StepChange.None, funnel.Record(Standard, Report(FunnelStep.PhoneVerified, 13)));
        Assert.Equal(StepChange.Progressed, funnel.Record(Standard, Report(FunnelStep.Submitted, 14)));

        Assert.Equal((FunnelStatus.Submitted, FunnelStep.Submitted, false), (funnel.Status, funnel.CurrentStep, funnel.InRework));
        Assert.Equal(StepChange.None, funnel.Record(Standard, Report(FunnelStep.IdVerified, 15)));
        Assert.Single(funnel.Reached, r => r.Step == FunnelStep.IdUploaded);
        Assert.Equal(T0.AddMinutes(2), funnel.Reached.Single(r => r.Step == FunnelStep.IdUploaded).OccurredAt);
    }

    [Theory]
    [InlineData(50, StepChange.Silent, 1)] // it happened, and is counted, but the approval answered it
    [InlineData(70, StepChange.None, 0)] // a mistake
    public void ARejectionNeverReopensAnApprovedAccountWhetherOlderOrNewerThanTheApproval(int rejectedAtMinute, StepChange change, int resubmissions)
    {
        var funnel = Start("short_video");
        funnel.Record(Standard, Report(FunnelStep.Submitted, 40));
        funnel.Record(Standard, Report(FunnelStep.Approved, 60));

        Assert.Equal(change, funnel.Record(Standard, Report(FunnelStep.Rejected, rejectedAtMinute) with { BackToStep = FunnelStep.IdUploaded }));

        Assert.Equal((FunnelStatus.Approved, FunnelStep.Approved, false, resubmissions),
            (funnel.Status, funnel.CurrentStep, funnel.InRework, funnel.Resubmissions));
        Assert.False(funnel.CanStall);
        Assert.Equal(T0.AddMinutes(60), funnel.LastActivityAt);
    }

    [Fact]
    public void ARejectionAfterFundingLeavesTheAccountFunded()
    {
        var funnel = Start("short_video");
        funnel.Record(Standard, Report(FunnelStep.Approved, 60));
        funnel.MarkFunded(T0.AddMinutes(70));

        Assert.Equal(StepChange.None, funnel.Record(Standard, Report(FunnelStep.Rejected, 80) with { BackToStep = FunnelStep.Submitted }));

        Assert.Equal((FunnelStatus.Funded, FunnelStep.Approved), (funnel.Status, funnel.CurrentStep));
    }

    [Fact]
    public void AnApprovalStandsEvenWhenARejectionAfterItArrivedFirst()
    {
        var funnel = Start("short_video");
        funnel.Record(Standard, Report(FunnelStep.Submitted, 40));
        funnel.Record(Standard, Report(FunnelStep.Rejected, 70) with { BackToStep = FunnelStep.IdUploaded });

        Assert.Equal(StepChange.Progressed, funnel.Record(Standard, Report(FunnelStep.Approved, 60)));

        Assert.Equal((FunnelStatus.Approved, FunnelStep.Approved, false), (funnel.Status, funnel.CurrentStep, funnel.InRework));
    }

    [Fact]
    public void ASubmissionOlderThanTheRejectionIsNotAResubmission()
    {
        var funnel = Start("short_video");
        funnel.Record(Standard, Report(FunnelStep.IdVerified, 3));
        funnel.Record(Standard, Report(FunnelStep.Rejected, 10) with { BackToStep = FunnelStep.IdUploaded });

        funnel.Record(Standard, Report(FunnelStep.Submitted, 5));
        Assert.Equal((FunnelStatus.Rejected, FunnelStep.IdUploaded, true), (funnel.Status, funnel.CurrentStep, funnel.InRework));

        Assert.Equal(StepChange.Progressed, funnel.Record(Standard, Report(FunnelStep.Submitted, 20)));
        Assert.Equal((FunnelStatus.Submitted, FunnelStep.Submitted, false), (funnel.Status, funnel.CurrentStep, funnel.InRework));
    }

    [Fact]
    public void ASecondTapOnSubmitThatLandsWhileARejectionIsInFlightDoesNotSwallowTheRejection()
    {
        // Facts: submitted @100, the automated check rejects @103, the client taps submit again @103.5 (a new event id),
        // which arrives before the rejection.
        var funnel = Start("short_video");
        funnel.Record(Standard, Report(FunnelStep.Submitted, 100));
        Assert.Equal(StepChange.None, funnel.Record(Standard, Report(FunnelStep.Submitted, 103.5)));

        Assert.Equal(StepChange.Progressed, funnel.Record(Standard, Report(FunnelStep.Rejected, 103) with { BackToStep = FunnelStep.IdUploaded }));

        Assert.Equal((FunnelStatus.Rejected, FunnelStep.IdUploaded, true, 1), (funnel.Status, funnel.CurrentStep, funnel.InRework, funnel.Resubmissions));
        Assert.Equal((T0.AddMinutes(100), T0.AddMinutes(103)), (funnel.LastSubmittedAt!.Value, funnel.LastActivityAt));
    }

    [Fact]
    public void AResubmissionArrivingBeforeTheRejectionItAnswersReopensTheApplicationOnce()
    {
        // Facts: submitted @5, rejected @10 (back to id_uploaded), submitted again @20; arriving 5, 20, 10. The resubmission
        // cannot be told from a second tap (the app learns of rejections from this service), so the rejection reopens: the
        // client submits again, and that submission progresses.
        var funnel = Start("short_video");
        funnel.Record(Standard, Report(FunnelStep.Submitted, 5));
        Assert.Equal(StepChange.None, funnel.Record(Standard, Report(FunnelStep.Submitted, 20)));

        Assert.Equal(StepChange.Progressed, funnel.Record(Standard, Report(FunnelStep.Rejected, 10) with { BackToStep = FunnelStep.IdUploaded }));
        Assert.Equal(StepChange.Progressed, funnel.Record(Standard, Report(FunnelStep.Submitted, 30)));

        Assert.Equal((FunnelStatus.Submitted, FunnelStep.Submitted, false, T0.AddMinutes(30)),
            (funnel.Status, funnel.CurrentStep, funnel.InRework, funnel.LastSubmittedAt!.Value));
        Assert.Equal((1, T0.AddMinutes(10), T0.AddMinutes(30)), (funnel.Resubmissions, funnel.RejectedAt!.Value, funnel.LastActivityAt));
    }

    [Fact]
    public void ARejectionAnsweredByAResubmissionLeavesTheLastActivityAtThatResubmissionNotAtASecondTapAfterIt()
    {
        // Facts: submitted @5, rejected @10, rejected again @15, resubmitted @20 and tapped again @25; the rejection @15 arrives last.
        var funnel = Start("short_video");
        funnel.Record(Standard, Report(FunnelStep.Submitted, 5));
        funnel.Record(Standard, Report(FunnelStep.Rejected, 10) with { BackToStep = FunnelStep.Submitted });
        Assert.Equal(StepChange.Progressed, funnel.Record(Standard, Report(FunnelStep.Submitted, 20)));
        funnel.Record(Standard, Report(FunnelStep.Submitted, 25));

        Assert.Equal(StepChange.Silent, funnel.Record(Standard, Report(FunnelStep.Rejected, 15) with { BackToStep = FunnelStep.Submitted }));

        Assert.Equal((FunnelStatus.Submitted, 2, T0.AddMinutes(15)), (funnel.Status, funnel.Resubmissions, funnel.RejectedAt!.Value));
        Assert.Equal((T0.AddMinutes(20), T0.AddMinutes(20)), (funnel.LastSubmittedAt!.Value, funnel.LastActivityAt));
    }

    [Fact]
    public void ARejectionOlderThanTheLatestOneChangesNothing()
    {
        var funnel = Start("short_video");
        funnel.Record(Standard, Report(FunnelStep.Submitted, 5));
        funnel.Record(Standard, Report(FunnelStep.Rejected, 30) with { BackToStep = FunnelStep.ProfileCompleted });

        Assert.Equal(StepChange.None, funnel.Record(Standard, Report(FunnelStep.Rejected, 10) with { BackToStep = FunnelStep.IdUploaded }));

        Assert.Equal((FunnelStep.ProfileCompleted, 1, FunnelStatus.Rejected), (funnel.CurrentStep, funnel.Resubmissions, funnel.Status));
    }

    [Fact]
    public void AnOlderRiskAssessmentArrivingLateDoesNotReplaceTheNewerLevel()
    {
        var funnel = Start("short_video");
        Assert.Equal(StepChange.Progressed, funnel.Record(Standard, Report(FunnelStep.RiskAssessed, 9) with { RiskLevel = "C4" }));

        Assert.Equal(StepChange.None, funnel.Record(Standard, Report(FunnelStep.RiskAssessed, 5) with { RiskLevel = "C2" }));

        Assert.Equal(("C4", T0.AddMinutes(9)), (funnel.RiskLevel, funnel.RiskAssessedAt));
    }

    [Fact]
    public void ARepeatedLevelMovesTheAssessmentOnSoThatAnAssessmentBetweenArrivingLastChangesNothing()
    {
        // Facts: C2 @5, C4 @7, C2 again @9; arriving 5, 9, 7.
        var funnel = Start("short_video");
        funnel.Record(Standard, Report(FunnelStep.RiskAssessed, 5) with { RiskLevel = "C2" });
        Assert.Equal(StepChange.Silent, funnel.Record(Standard, Report(FunnelStep.RiskAssessed, 9) with { RiskLevel = "C2" }));

        Assert.Equal(StepChange.None, funnel.Record(Standard, Report(FunnelStep.RiskAssessed, 7) with { RiskLevel = "C4" }));

        Assert.Equal(("C2", T0.AddMinutes(9)), (funnel.RiskLevel, funnel.RiskAssessedAt));
    }

    [Fact]
    public void AStallEndsWithTheNextProgressAndFundingOnlyFollowsApproval()
    {
        var funnel = Start("wecom");
        funnel.MarkStalled(2);
        Assert.Equal((FunnelStatus.Stalled, 2, T0), (funnel.Status, funnel.StallLevel, funnel.StalledSince!.Value));
        Assert.False(funnel.MarkFunded(T0.AddMinutes(5)));

        funnel.Record(Standard, Report(FunnelStep.PhoneVerified, 30));
        Assert.Equal((FunnelStatus.InProgress, 0, (DateTimeOffset?)null), (funnel.Status, funnel.StallLevel, funnel.StalledSince));

        funnel.Record(Standard, Report(FunnelStep.Approved, 60));
        Assert.True(funnel.MarkFunded(T0.AddMinutes(70)));
        Assert.False(funnel.MarkFunded(T0.AddMinutes(80)));
        Assert.False(funnel.MarkDormant(T0.AddDays(4)));
        Assert.Equal(FunnelStatus.Funded, funnel.Status);
        funnel.Record(Standard, Report(FunnelStep.IdVerified, 5));
        Assert.Equal(FunnelStatus.Funded, funnel.Status);
    }

    [Fact]
    public void ALateOldStepDoesNotEndAStall()
    {
        var funnel = Start("short_video");
        funnel.Record(Standard, Report(FunnelStep.IdUploaded, 2));
        funnel.MarkStalled(1);

        Assert.Equal(StepChange.Progressed, funnel.Record(Standard, Report(FunnelStep.PhoneVerified, 1)));

        Assert.Equal((FunnelStatus.Stalled, 1, T0.AddMinutes(2)), (funnel.Status, funnel.StallLevel, funnel.StalledSince!.Value));
        Assert.Contains(funnel.Reached, r => r.Step == FunnelStep.PhoneVerified);
    }

    [Fact]
    public void ASecondTapOnSubmitChangesNothing()
    {
        var funnel = Start("short_video");
        funnel.Record(Standard, Report(FunnelStep.Submitted, 30));

        Assert.Equal(StepChange.None, funnel.Record(Standard, Report(FunnelStep.Submitted, 31)));

        Assert.Equal((FunnelStatus.Submitted, T0.AddMinutes(30), T0.AddMinutes(30)), (funnel.Status, funnel.LastSubmittedAt!.Value, funnel.LastActivityAt));
    }

    [Fact]
    public void ASubmissionAfterTheApprovalChangesNothing()
    {
        var funnel = Start("short_video");
        funnel.Record(Standard, Report(FunnelStep.Submitted, 30));
        funnel.Record(Standard, Report(FunnelStep.Approved, 60));

        Assert.Equal(StepChange.None, funnel.Record(Standard, Report(FunnelStep.Submitted, 70)));

        Assert.Equal((FunnelStatus.Approved, FunnelStep.Approved, T0.AddMinutes(60)), (funnel.Status, funnel.CurrentStep, funnel.LastActivityAt));
    }

    [Fact]
    public void TheSameRiskLevelAssessedAgainMovesOnlyTheAssessmentDate()
    {
        var funnel = Start("short_video");
        funnel.Record(Standard, Report(FunnelStep.BankCardBound, 20));
        funnel.Record(Standard, Report(FunnelStep.RiskAssessed, 10) with { RiskLevel = "C3" });

        Assert.Equal(StepChange.Silent, funnel.Record(Standard, Report(FunnelStep.RiskAssessed, 25) with { RiskLevel = "C3" }));

        Assert.Equal(("C3", T0.AddMinutes(25), T0.AddMinutes(20)), (funnel.RiskLevel, funnel.RiskAssessedAt, funnel.LastActivityAt));
    }

    [Fact]
    public void ANewRiskLevelAloneIsPublishedButKeepsTheLastActivityAndTheStallEpisode()
    {
        var funnel = Start("short_video");
        funnel.Record(Standard, Report(FunnelStep.RiskAssessed, 10) with { RiskLevel = "C3" });
        funnel.Record(Standard, Report(FunnelStep.BankCardBound, 20));
        funnel.MarkStalled(1);

        Assert.Equal(StepChange.Reassessed, funnel.Record(Standard, Report(FunnelStep.RiskAssessed, 140) with { RiskLevel = "C4" }));

        Assert.Equal(("C4", T0.AddMinutes(140)), (funnel.RiskLevel, funnel.RiskAssessedAt));
        Assert.Equal((FunnelStatus.Stalled, FunnelStep.BankCardBound, 1, T0.AddMinutes(20), T0.AddMinutes(20)),
            (funnel.Status, funnel.CurrentStep, funnel.StallLevel, funnel.StalledSince!.Value, funnel.LastActivityAt));
    }

    [Fact]
    public void AResubmissionAfterARejectionBackToSubmittedIsProgress()
    {
        var funnel = Start("short_video");
        funnel.Record(Standard, Report(FunnelStep.Submitted, 10));
        funnel.Record(Standard, Report(FunnelStep.Rejected, 15) with { BackToStep = FunnelStep.Submitted });

        Assert.Equal(StepChange.Progressed, funnel.Record(Standard, Report(FunnelStep.Submitted, 20)));

        Assert.Equal((FunnelStatus.Submitted, false, 1), (funnel.Status, funnel.InRework, funnel.Resubmissions));
    }

    [Fact]
    public void ARejectionReportedTwiceCountsOnce()
    {
        var funnel = Start("short_video");
        funnel.Record(Standard, Report(FunnelStep.Submitted, 5));
        funnel.Record(Standard, Report(FunnelStep.Rejected, 10) with { BackToStep = FunnelStep.IdUploaded });

        Assert.Equal(StepChange.None, funnel.Record(Standard, Report(FunnelStep.Rejected, 10) with { BackToStep = FunnelStep.IdUploaded }));

        Assert.Equal((1, FunnelStatus.Rejected), (funnel.Resubmissions, funnel.Status));
    }

    [Fact]
    public void RedoingTheNamedStepTwiceAfterARejectionCountsOnce()
    {
        var funnel = Start("short_video");
        funnel.Record(Standard, Report(FunnelStep.IdUploaded, 2));
        funnel.Record(Standard, Report(FunnelStep.Submitted, 5));
        funnel.Record(Standard, Report(FunnelStep.Rejected, 10) with { BackToStep = FunnelStep.IdUploaded });
        Assert.Equal(StepChange.Progressed, funnel.Record(Standard, Report(FunnelStep.IdUploaded, 12)));

        Assert.Equal(StepChange.None, funnel.Record(Standard, Report(FunnelStep.IdUploaded, 13)));

        Assert.Equal((FunnelStatus.InProgress, FunnelStep.IdUploaded, T0.AddMinutes(12)), (funnel.Status, funnel.CurrentStep, funnel.LastActivityAt));
    }

    [Fact]
    public void ALateStepFurtherAlongMovesTheCurrentStepButKeepsTheStallEpisode()
    {
        var funnel = Start("short_video");
        funnel.Record(Standard, Report(FunnelStep.IdUploaded, 2));
        funnel.MarkStalled(1);

        Assert.Equal(StepChange.Progressed, funnel.Record(Standard, Report(FunnelStep.IdVerified, 1)));

        Assert.Equal((FunnelStatus.Stalled, FunnelStep.IdVerified, 1, T0.AddMinutes(2), T0.AddMinutes(2)),
            (funnel.Status, funnel.CurrentStep, funnel.StallLevel, funnel.StalledSince!.Value, funnel.LastActivityAt));
    }

    [Fact]
    public void ALateSubmissionEndsTheStallEpisodeSinceASubmittedApplicationCannotStall()
    {
        var funnel = Start("short_video");
        funnel.Record(Standard, Report(FunnelStep.IdUploaded, 2));
        funnel.MarkStalled(1);

        funnel.Record(Standard, Report(FunnelStep.Submitted, 1));

        Assert.Equal((FunnelStatus.Submitted, 0, false), (funnel.Status, funnel.StallLevel, funnel.CanStall));
    }

    [Fact]
    public void VideoWitnessingIsSkippedOnChannelsWhereItIsOptional()
    {
        var referral = Start("advisor_referral");
        referral.Record(Standard, Report(FunnelStep.AgreementsSigned, 20));
        var publicTraffic = Start("app_store");
        publicTraffic.Record(Standard, Report(FunnelStep.AgreementsSigned, 20));

        Assert.Equal(FunnelStep.Submitted, referral.NextStep(Standard));
        Assert.Equal(FunnelStep.VideoWitnessed, publicTraffic.NextStep(Standard));
    }

    [Fact]
    public void ApprovalEndsTheFunnel()
    {
        var funnel = Start("branch");
        funnel.Record(Standard, Report(FunnelStep.Approved, 60));

        Assert.Equal(FunnelStatus.Approved, funnel.Status);
        Assert.Null(funnel.NextStep(Standard));
    }

    [Theory]
    [InlineData("registered", FunnelStep.Registered)]
    [InlineData("id_uploaded", FunnelStep.IdUploaded)]
    [InlineData("video_witnessed", FunnelStep.VideoWitnessed)]
    [InlineData("rejected", FunnelStep.Rejected)]
    public void WireNamesRoundTrip(string name, FunnelStep step)
    {
        Assert.True(FunnelSteps.TryParse(name, out var parsed));
        Assert.Equal(step, parsed);
        Assert.Equal(name, step.ToWireName());
    }

    [Theory]
    [InlineData("")]
    [InlineData("Registered")]
    [InlineData("opened")]
    public void UnknownWireNamesDoNotParse(string name) => Assert.False(FunnelSteps.TryParse(name, out _));

    private static ClientFunnel Start(string channel)
    {
        var first = Report(FunnelStep.Registered, 0) with { Channel = channel };
        var funnel = ClientFunnel.Start("c-1", Standard, first);
        funnel.Record(Standard, first);
        return funnel;
    }

    private static StepReport Report(FunnelStep step, double minute) =>
        new(Guid.CreateVersion7(), step, T0.AddMinutes(minute), "short_video", "double11", "ios", 1);
}
