using Platform.Content.Profiles;

namespace Platform.Content.Tests.Profiles;

public sealed class LifecycleStageTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

    private static ClientProfile Profile(int? registeredDaysAgo = null, int? approvedDaysAgo = null, int? fundedDaysAgo = null, int? tradedDaysAgo = null) => new()
    {
        ClientId = "c-1",
        RegisteredAt = Ago(registeredDaysAgo),
        ApprovedAt = Ago(approvedDaysAgo),
        FundedAt = Ago(fundedDaysAgo),
        LastTradeAt = Ago(tradedDaysAgo),
    };

    private static DateTimeOffset? Ago(int? days) => days is { } d ? Now.AddDays(-d) : null;

    [Fact]
    public void StagesFollowTheMilestones()
    {
        Assert.Null(LifecycleStage.Of(Profile(), Now));
        Assert.Equal("S1", LifecycleStage.Of(Profile(registeredDaysAgo: 3), Now));
        Assert.Equal("S2", LifecycleStage.Of(Profile(3, 2), Now));
        Assert.Equal("S3", LifecycleStage.Of(Profile(3, 2, 1), Now));
        Assert.Equal("S4", LifecycleStage.Of(Profile(90, 80, 70, 30), Now));
        Assert.Equal("S5", LifecycleStage.Of(Profile(90, 80, 70, 31), Now));
    }

    [Fact]
    public void AnApprovalWithoutARegistrationSeenIsStillAnAccount() =>
        Assert.Equal("S2", LifecycleStage.Of(Profile(approvedDaysAgo: 1), Now));

    [Fact]
    public void AnInvestorTurnsIntoS5ThirtyDaysAfterTheLastTrade()
    {
        var investor = Profile(90, 80, 70, 10);
        Assert.Equal(Now.AddDays(20), LifecycleStage.NextChange(investor, Now));
        Assert.Equal("S5", LifecycleStage.Of(investor, Now.AddDays(20).AddTicks(1)));
        Assert.Null(LifecycleStage.NextChange(Profile(3, 2), Now));
    }

    [Fact]
    public void DerivedTagsJoinTheOperatorsTags()
    {
        var profile = Profile(90, 80, 70, 10);
        profile.OperatorTags = ["style:technical"];
        (profile.RiskTolerance, profile.Tier, profile.Channel, profile.Campaign) = (3, "V4", "short_video", "双十一");

        Assert.Equal(["channel:short_video", "risk:c3", "stage:s4", "style:technical", "tier:v4"],
            ProfileTags.Of(profile, Now).Order(StringComparer.Ordinal));
    }
}
