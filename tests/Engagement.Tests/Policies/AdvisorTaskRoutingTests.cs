using Platform.Engagement.Policies;
using Platform.Engagement.Settings;

namespace Platform.Engagement.Tests.Policies;

public sealed class AdvisorTaskRoutingTests
{
    [Theory]
    [InlineData("sms", 4, "sms")]
    [InlineData("sms", 5, "advisor_task")]
    [InlineData("sms", 7, "advisor_task")]
    [InlineData("push", 7, "push")]
    [InlineData("advisor_task", 0, "advisor_task")]   // M17's own channel, whatever the tier
    public void FromTheConfiguredTierAnSmsBecomesAnAdvisorTask(string channel, int tier, string routed) =>
        Assert.Equal(routed, AdvisorTaskRouting.ChannelFor(channel, tier, advisorTaskFromTier: 5));

    [Fact]
    public void ATaskIsDueAfterItsTiersSlaOrTheDefault()
    {
        var sla = new AdvisorTaskSla(TimeSpan.FromHours(24), new Dictionary<int, TimeSpan> { [7] = TimeSpan.FromHours(4) });
        var decided = new DateTimeOffset(2026, 12, 6, 1, 0, 0, TimeSpan.Zero);

        Assert.Equal(decided.AddHours(4), AdvisorTaskRouting.DueAt(sla, 7, decided));
        Assert.Equal(decided.AddHours(24), AdvisorTaskRouting.DueAt(sla, 2, decided));
    }
}
