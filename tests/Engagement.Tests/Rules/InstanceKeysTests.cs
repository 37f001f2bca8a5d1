using Platform.Activity.Events;
using Platform.Engagement.Rules;
using Platform.Onboarding.Events;
using Platform.Tiering.Events;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Platform.Engagement.Tests.Rules;

/// <summary>Instance keys: rule, client and the business key <c>once</c> names, in API.md's format.</summary>
public sealed class InstanceKeysTests
{
    private static readonly Guid EventId = Guid.Parse("0b8f3c1e-5d7a-4c1b-9e2f-1a2b3c4d5e6f");

    // 16:30 UTC on 31 December is already 1 January in Shanghai.
    private static readonly DateTimeOffset NewYearsEveUtc = new(2026, 12, 31, 16, 30, 0, TimeSpan.Zero);

    [Fact]
    public void OnceClientIsOneInstancePerClientAsInApisExample()
    {
        var rule = RuleParser.Parse(WireRules.FirstDeposit()).Rule!;

        Assert.Equal("M06:c-1:client", InstanceKeys.Of(rule, "c-1", new Deposit(), EventId, NewYearsEveUtc));
    }

    [Fact]
    public void AStallEpisodesLevelIsApisEpisodeKey()
    {
        var stalled = new ProspectStalled { Level = 2, StalledSince = new Timestamp { Seconds = 3 } };

        Assert.Equal("M02:c-1:episode-3:level-2", InstanceKeys.Of("M02", "c-1", InstanceKeys.BusinessKey(OnceScope.Episode, stalled, EventId, NewYearsEveUtc)));
    }

    [Fact]
    public void EpisodesOfOtherEventsAreTheirBusinessFactsOrElseTheEventId()
    {
        Assert.Equal("rejection-2", InstanceKeys.BusinessKey(OnceScope.Episode, new ApplicationRejected { Resubmissions = 2 }, EventId, NewYearsEveUtc));
        Assert.Equal("review-1700000000",
            InstanceKeys.BusinessKey(OnceScope.Episode, new DowngradeWarned { ReviewAt = new Timestamp { Seconds = 1_700_000_000 } }, EventId, NewYearsEveUtc));
        Assert.Equal("snapshot-2026-12-30", InstanceKeys.BusinessKey(OnceScope.Episode, new AssetsSnapshot { Date = "2026-12-30" }, EventId, NewYearsEveUtc));
        Assert.Equal(EventId.ToString(), InstanceKeys.BusinessKey(OnceScope.Episode, new AssetsSnapshot { Date = "30/12/2026" }, EventId, NewYearsEveUtc));
        Assert.Equal(EventId.ToString(), InstanceKeys.BusinessKey(OnceScope.Episode, new Login(), EventId, NewYearsEveUtc));
    }

    [Fact]
    public void DaysAndYearsAreShanghaisCalendar()
    {
        Assert.Equal("2027-01-01", InstanceKeys.BusinessKey(OnceScope.Day, new Drawdown(), EventId, NewYearsEveUtc));
        Assert.Equal("2027", InstanceKeys.BusinessKey(OnceScope.Year, new AccountApproved(), EventId, NewYearsEveUtc));
        Assert.Equal("2026-12-31", InstanceKeys.BusinessKey(OnceScope.Day, new Drawdown(), EventId, NewYearsEveUtc.AddHours(-1)));
    }

    [Fact]
    public void OnceEventIsTheEventId() =>
        Assert.Equal("0b8f3c1e-5d7a-4c1b-9e2f-1a2b3c4d5e6f", InstanceKeys.BusinessKey(OnceScope.Event, new TransferOut(), EventId, NewYearsEveUtc));
}
