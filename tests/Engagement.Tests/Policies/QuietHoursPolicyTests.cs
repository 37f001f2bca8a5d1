using CsCheck;
using Platform.Engagement.Policies;
using Platform.Engagement.Settings;

namespace Platform.Engagement.Tests.Policies;

public sealed class QuietHoursPolicyTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static QuietHours Night(TimeZoneInfo zone, string start = "22:00", string end = "08:00") =>
        new(TimeOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture),
            zone, ["sms", "push"]);

    [Theory]
    [InlineData("2026-12-06T23:30:00+08:00", "2026-12-07T08:00:00+08:00")]   // before midnight: tomorrow's end
    [InlineData("2026-12-07T02:00:00+08:00", "2026-12-07T08:00:00+08:00")]   // after midnight: today's end
    [InlineData("2026-12-06T22:00:00+08:00", "2026-12-07T08:00:00+08:00")]   // the start is inside
    public void InsideAWindowAcrossMidnightTheMessageWaitsForItsEnd(string at, string end) =>
        Assert.Equal(DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture),
            QuietHoursPolicy.DeferUntil(Night(Shanghai), "sms", DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2026-12-06T08:00:00+08:00")]   // the end is outside
    [InlineData("2026-12-06T12:00:00+08:00")]
    [InlineData("2026-12-06T21:59:59+08:00")]
    public void OutsideTheWindowTheMessageGoesAtOnce(string at) =>
        Assert.Null(QuietHoursPolicy.DeferUntil(Night(Shanghai), "push", DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void ChannelsNotListedAndAWindowStartingWhereItEndsAreNeverQuiet()
    {
        var at = new DateTimeOffset(2026, 12, 6, 23, 0, 0, TimeSpan.FromHours(8));

        Assert.Null(QuietHoursPolicy.DeferUntil(Night(Shanghai), "inbox", at));
        Assert.Null(QuietHoursPolicy.DeferUntil(Night(Shanghai, "22:00", "22:00"), "sms", at));
    }

    [Fact]
    public void AWindowWithinOneDayEndsTheSameDay() =>
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 14, 0, 0, TimeSpan.FromHours(8)),
            QuietHoursPolicy.DeferUntil(Night(Shanghai, "12:00", "14:00"), "sms", new DateTimeOffset(2026, 12, 6, 13, 0, 0, TimeSpan.FromHours(8))));

    [Fact]
    public void OnTheNightClocksGoForwardTheWindowEndsAtTheLocalEndUnderSummerTime() =>
        // Berlin, 29 March 2026: 02:00 CET becomes 03:00 CEST. 23:00 CET (22:00 UTC) waits until 08:00 CEST (06:00 UTC): 7 hours.
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 6, 0, 0, TimeSpan.Zero),
            QuietHoursPolicy.DeferUntil(Night(Berlin), "sms", new DateTimeOffset(2026, 3, 28, 22, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void AnEndInTheSkippedHourIsTheInstantTheClocksJump() =>
        // 01:45 CET (00:45 UTC) in a window ending 02:30, a time that does not exist that night: it ends at 03:00 CEST (01:00 UTC).
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero),
            QuietHoursPolicy.DeferUntil(Night(Berlin, "01:00", "02:30"), "sms", new DateTimeOffset(2026, 3, 29, 0, 45, 0, TimeSpan.Zero)));

    [Fact]
    public void AnEndInTheRepeatedHourIsItsFirstOccurrence() =>
        // Berlin, 25 October 2026: 03:00 CEST becomes 02:00 CET; 02:30 happens twice, first at 00:30 UTC.
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero),
            QuietHoursPolicy.DeferUntil(Night(Berlin, "01:00", "02:30"), "sms", new DateTimeOffset(2026, 10, 24, 23, 15, 0, TimeSpan.Zero)));

    [Fact]
    public void ADeferredMessageWaitsUntilTheWindowIsOverAndNoLonger()
    {
        var minutes = Gen.Int[0, 24 * 60 - 1].Select(m => TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(m)));
        var instants = Gen.Long[new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(),
            new DateTimeOffset(2027, 12, 31, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds()].Select(DateTimeOffset.FromUnixTimeSeconds);
        Gen.Select(minutes, minutes, Gen.OneOf(Gen.Const(Shanghai), Gen.Const(Berlin)), instants).Sample((start, end, zone, at) =>
        {
            var quiet = new QuietHours(start, end, zone, ["sms"]);
            if (QuietHoursPolicy.DeferUntil(quiet, "sms", at) is not { } until)
            {
                return;
            }

            Assert.True(until > at);
            Assert.True(until - at <= TimeSpan.FromHours(25));
            // At the end the message may go, and a minute before it, it may not.
            Assert.Null(QuietHoursPolicy.DeferUntil(quiet, "sms", until));
            Assert.NotNull(QuietHoursPolicy.DeferUntil(quiet, "sms", until.AddMinutes(-1) > at ? until.AddMinutes(-1) : at));
        }, iter: 20_000);
    }
}
