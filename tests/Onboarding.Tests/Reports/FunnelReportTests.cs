using Platform.Onboarding.Funnel;
using Platform.Onboarding.Reports;

namespace Platform.Onboarding.Tests.Reports;

public sealed class FunnelReportTests
{
    private static readonly FunnelDefinition Standard = FunnelDefinition.Standard;

    [Fact]
    public void StepsAreListedInFunnelOrderWithDropsAndConversions()
    {
        var report = FunnelReport.Build(Standard, ReportGrouping.All,
            [new CellSum("all", "phone_verified", 6, 3), new CellSum("all", "registered", 10, 6), new CellSum("all", "approved", 2, 0)],
            [new DurationSum("all", "phone_verified", DurationBuckets.Of(90), 6)]);

        var group = Assert.Single(report.Groups);
        Assert.Equal("all", group.Key);
        Assert.Equal(Standard.Steps, group.Steps.Select(s => s.Step));
        var (registered, phone, idUploaded) = (group.Steps[0], group.Steps[1], group.Steps[2]);
        Assert.Equal((10L, 6L, 4L, 1.0), (registered.Entered, registered.Completed, registered.Dropped, registered.ConversionFromPrevious));
        Assert.Equal((6L, 3L, 3L, 0.6), (phone.Entered, phone.Completed, phone.Dropped, phone.ConversionFromPrevious));
        Assert.Equal((0L, 0.0), (idUploaded.Entered, idUploaded.ConversionFromPrevious));
        Assert.Equal(0, group.Steps[3].ConversionFromPrevious);
        Assert.Null(registered.MedianSecondsFromPrevious);
        Assert.InRange(phone.MedianSecondsFromPrevious!.Value, 90 * (1 - DurationBuckets.RelativeError), 90 * (1 + DurationBuckets.RelativeError));
        Assert.Equal(0.2, group.OverallConversion);
    }

    [Fact]
    public void WithoutDataTheReportHasOneEmptyGroupAllButNoOtherGroups()
    {
        var all = Assert.Single(FunnelReport.Build(Standard, ReportGrouping.All, [], []).Groups);

        Assert.Equal("all", all.Key);
        Assert.All(all.Steps, s => Assert.Equal(0, s.Entered));
        Assert.Equal(0, all.OverallConversion);
        Assert.Empty(FunnelReport.Build(Standard, ReportGrouping.Channel, [], []).Groups);
    }

    [Fact]
    public void GroupsAreOrderedByKey()
    {
        var report = FunnelReport.Build(Standard, ReportGrouping.Channel,
            [new CellSum("wecom", "registered", 1, 0), new CellSum("app_store", "registered", 2, 0)], []);

        Assert.Equal(["app_store", "wecom"], report.Groups.Select(g => g.Key));
    }

    [Theory]
    [InlineData("", ReportGrouping.All)]
    [InlineData("channel", ReportGrouping.Channel)]
    [InlineData("campaign", ReportGrouping.Campaign)]
    [InlineData("cohort", ReportGrouping.Cohort)]
    [InlineData("variant", ReportGrouping.Variant)]
    public void GroupingsParseFromTheirWireNames(string by, ReportGrouping expected)
    {
        Assert.True(ReportGroupings.TryParse(by, out var grouping));
        Assert.Equal(expected, grouping);
    }

    [Theory]
    [InlineData("all")]
    [InlineData("Channel")]
    [InlineData("device")]
    public void UnknownGroupingsDoNotParse(string by) => Assert.False(ReportGroupings.TryParse(by, out _));

    [Fact]
    public void ARangeCoversEveryShanghaiDayItTouches()
    {
        var shanghai = TimeSpan.FromHours(8);

        var range = ReportCalendar.RangeOf(new DateTimeOffset(2026, 11, 24, 12, 0, 0, shanghai), new DateTimeOffset(2026, 11, 26, 0, 0, 0, shanghai));

        Assert.Equal(new CohortRange(new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 25)), range);
        Assert.Equal((new DateTimeOffset(2026, 11, 24, 0, 0, 0, shanghai), new DateTimeOffset(2026, 11, 26, 0, 0, 0, shanghai)), range.Bounds);
        Assert.Equal(new CohortRange(null, null), ReportCalendar.RangeOf(null, null));
    }
}
