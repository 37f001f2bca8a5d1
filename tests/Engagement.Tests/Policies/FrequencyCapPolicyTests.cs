using CsCheck;
using Platform.Engagement.Policies;
using Platform.Engagement.Settings;

namespace Platform.Engagement.Tests.Policies;

public sealed class FrequencyCapPolicyTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheWindowSlidesInsteadOfRestartingAtMidnight()
    {
        var cap = new FrequencyCap(1, TimeSpan.FromDays(1));
        DateTimeOffset[] sends = [Start.AddHours(23)];

        Assert.False(FrequencyCapPolicy.Allows(sends, cap, Start.AddHours(25)));     // the next calendar day, 2 hours later
        Assert.True(FrequencyCapPolicy.Allows(sends, cap, Start.AddHours(47)));      // exactly a day later: the send left the window
    }

    [Fact]
    public void ACountOfZeroNeverAllowsASend() =>
        Assert.False(FrequencyCapPolicy.Allows([], new FrequencyCap(0, TimeSpan.FromDays(1)), Start));

    [Fact]
    public void AChannelWithoutACapIsNotCapped() =>
        Assert.True(FrequencyCapPolicy.Allows(Enumerable.Repeat(Start, 100),
            new Dictionary<string, FrequencyCap> { ["sms"] = new(1, TimeSpan.FromDays(1)) }, "push", Start));

    [Fact]
    public void SendsAllowedInTimeOrderNeverExceedTheCapInAnyWindow() =>
        Gen.Select(Gen.Int[0, 4], Gen.Int[1, 72], Gen.Int[0, 14 * 24 * 60].Array[0, 80]).Sample((count, hours, attempts) =>
        {
            var cap = new FrequencyCap(count, TimeSpan.FromHours(hours));
            var sent = new List<DateTimeOffset>();
            foreach (var at in attempts.Order().Select(minute => Start.AddMinutes(minute)))
            {
                if (FrequencyCapPolicy.Allows(sent, cap, at))
                {
                    sent.Add(at);
                }
            }

            // Every window (t - per, t] that could hold the most ends at a send.
            Assert.All(sent, end => Assert.True(sent.Count(s => s > end - cap.Per && s <= end) <= count));
        }, iter: 5_000);
}
